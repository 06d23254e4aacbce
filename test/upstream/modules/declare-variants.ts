// variants.<name>: configurations of the same modules, via the `moduleType` argument.
// `moduleType` comes from `_module.args`, known only once the modules are collected:
// like Nix's lazy argument binding, it is read when the option's type is needed.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-variants.nix", (args) => ({
  options: {
    variants: args.lib.mkOption({
      get type() {
        return args.lib.types.lazyAttrsOf(args.moduleType);
      },
      default: {},
    }),
  },
}));
