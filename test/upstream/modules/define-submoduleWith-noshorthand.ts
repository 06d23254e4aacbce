import { fromFile } from "./part1-file.js";

export default fromFile("define-submoduleWith-noshorthand.nix", { submodule: { config: { config: true } } });
