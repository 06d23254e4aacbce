// variants.<name>: configurations of the same modules, via the `moduleType` argument.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-variants.nix", ({ lib, moduleType }) => ({
  options: {
    variants: lib.mkOption({ type: lib.types.lazyAttrsOf(moduleType), default: {} }),
  },
}));
