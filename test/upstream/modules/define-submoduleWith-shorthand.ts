import { fromFile } from "./part1-file.js";

export default fromFile("define-submoduleWith-shorthand.nix", { submodule: { config: true } });
