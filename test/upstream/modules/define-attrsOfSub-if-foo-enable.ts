import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-if-foo-enable.nix", ({ config, lib }) => ({
  attrsOfSub: lib.mkIf(() => config.enable, { foo: { enable: true } }),
}));
