import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-foo-enable-force.nix", ({ lib }) => ({
  attrsOfSub: { foo: { enable: lib.mkForce(false) } },
}));
