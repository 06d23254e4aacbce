import { fromFile } from "./part1-file.js";

export default fromFile("define-module-check.nix", { _module: { check: false } });
