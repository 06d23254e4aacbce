// A type where an option belongs, below another name.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("options-type-error-typical-nested.nix", ({ lib }) => ({
  options: { result: { here: lib.types.str } },
}));
