// The `type` of an evalModules result is a submodule type of its modules.
import type { ModuleArgs } from "../../../src/lib/module-types.js";
import { fromFile } from "./part1-file.js";

export default fromFile("declare-submodule-via-evalModules.nix", ({ lib }) => ({
  options: {
    submodule: lib.mkOption({
      type: lib.evalModules({
        modules: [{ options: { inner: lib.mkOption({ type: lib.types.bool, default: false }) } }],
      }).type,
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
