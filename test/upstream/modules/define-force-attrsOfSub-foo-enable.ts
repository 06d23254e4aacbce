import { fromFile } from "./part1-file.js";

export default fromFile("define-force-attrsOfSub-foo-enable.nix", ({ lib }) =>
  lib.mkForce({ attrsOfSub: { foo: { enable: false } } }),
);
