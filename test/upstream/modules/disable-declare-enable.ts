// Disables the module of declare-enable.nix, named by the module itself (upstream: a path).
import declareEnable from "./declare-enable.js";
import { fromFile } from "./part1-file.js";

export default fromFile("disable-declare-enable.nix", () => ({ disabledModules: [declareEnable] }));
