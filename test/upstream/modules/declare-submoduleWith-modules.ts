// The type's modules and the definitions (a module function and plain values) are
// evaluated together in one submodule evaluation.
import type { ModuleArgs } from "../../../src/lib/module-types.js";
import { fromFile } from "./part1-file.js";

export default fromFile("declare-submoduleWith-modules.nix", ({ lib }) => ({
  options: {
    submodule: lib.mkOption({
      type: lib.types.submoduleWith({
        modules: [{ options: { inner: lib.mkOption({ type: lib.types.bool, default: false }) } }],
      }),
      default: {},
    }),
  },
  config: {
    submodule: lib.mkMerge([
      ({ lib }: ModuleArgs) => ({
        options: { outer: lib.mkOption({ type: lib.types.bool, default: false }) },
      }),
      { inner: true, outer: true },
    ]),
  },
}));
