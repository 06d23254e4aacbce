// Disables the module of define-enable.nix, named by the module itself (upstream: a path).
import defineEnable from "./define-enable.js";
import { fromFile } from "./part1-file.js";

export default fromFile("disable-define-enable.nix", () => ({ disabledModules: [defineEnable] }));
