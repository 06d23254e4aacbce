// disabledModules holding an attribute set without `key` is an error.
import declareEnable from "./declare-enable.js";
import { fromFile } from "./part1-file.js";

export default fromFile("disable-module-bad-key.nix", () => ({
  imports: [declareEnable],
  disabledModules: [{}],
}));
