import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-foo-force-enable.nix", ({ lib }) => ({
  attrsOfSub: { foo: lib.mkForce({ enable: false }) },
}));
