import { fromFile } from "./part1-file.js";

export default fromFile("define-if-attrsOfSub-foo-enable.nix", ({ config, lib }) =>
  lib.mkIf(() => config.enable, { attrsOfSub: { foo: { enable: true } } }),
);
