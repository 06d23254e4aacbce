import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-bar-enable.nix", { attrsOfSub: { bar: { enable: true } } });
