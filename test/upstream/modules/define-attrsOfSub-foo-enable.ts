import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-foo-enable.nix", { attrsOfSub: { foo: { enable: true } } });
