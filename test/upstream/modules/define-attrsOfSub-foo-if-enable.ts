import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-foo-if-enable.nix", ({ config, lib }) => ({
  attrsOfSub: { foo: lib.mkIf(() => config.enable, { enable: true }) },
}));
