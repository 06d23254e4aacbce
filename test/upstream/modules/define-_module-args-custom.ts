import { fromFile } from "./part1-file.js";

export default fromFile("define-_module-args-custom.nix", () => ({
  config: { _module: { args: { custom: true } } },
}));
