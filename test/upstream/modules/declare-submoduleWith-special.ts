// submoduleWith's specialArgs reach the submodule's modules (here: an extended lib).
import type { ModuleArgs } from "../../../src/lib/module-types.js";
import { fromFile } from "./part1-file.js";

export default fromFile("declare-submoduleWith-special.nix", ({ lib }) => ({
  options: {
    submodule: lib.mkOption({
      type: lib.types.submoduleWith({
        modules: [
          ({ lib }: ModuleArgs) => ({
            options: { foo: lib.mkOption({ default: (lib as typeof lib & { foo: string }).foo }) },
          }),
        ],
        specialArgs: { lib: { ...lib, foo: "foo" } },
      }),
      default: {},
    }),
  },
}));
