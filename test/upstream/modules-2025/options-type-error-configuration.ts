// A configuration where an option belongs: any attribute set with a `_type` is caught.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("options-type-error-configuration.nix", ({ lib }) => ({
  options: { result: lib.evalModules({ modules: [] }) },
}));
