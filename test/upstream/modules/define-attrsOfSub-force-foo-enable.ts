import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-force-foo-enable.nix", ({ lib }) => ({
  attrsOfSub: lib.mkForce({ foo: { enable: false } }),
}));
