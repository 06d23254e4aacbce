import { fromFile } from "./part1-file.js";

export default fromFile("define-attrsOfSub-foo-enable-if.nix", ({ config, lib }) => ({
  attrsOfSub: { foo: { enable: lib.mkIf(() => config.enable, true) } },
}));
