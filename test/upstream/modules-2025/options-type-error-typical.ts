// A type where an option belongs (no mkOption around it).
import { fromFile } from "../modules/part1-file.js";

export default fromFile("options-type-error-typical.nix", ({ lib }) => ({
  options: { result: lib.types.str },
}));
