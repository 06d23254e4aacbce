// An option whose type is itself the value of an optionType option, merged from two submodules.
import { fromFile } from "./part1-file.js";

export default fromFile("optionTypeMerging.nix", ({ config, lib }) => ({
  options: {
    theType: lib.mkOption({ type: lib.types.optionType }),
    theOption: lib.mkOption({
      get type() {
        return config.theType;
      },
    }),
  },
  config: {
    theType: lib.mkMerge([
      lib.types.submodule({ options: { int: lib.mkOption({ type: lib.types.int, default: 10 }) } }),
      lib.types.submodule({ options: { str: lib.mkOption({ type: lib.types.str }) } }),
    ]),
    theOption: { str: "hello" },
  },
}));
