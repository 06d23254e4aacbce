// A module importing one module or another by the `_class` it is evaluated with.
import { fromFile } from "../modules/part1-file.js";
import type { ModuleArgs } from "../../../src/lib/module-types.js";

export default fromFile(
  "polymorphic-module.nix",
  ({ _class, lib }: ModuleArgs & { _class: string | null }) => {
    const nixosModule = () => ({ options: { foo: lib.mkOption({ default: "bar" }) } });
    const darwinModule = () => ({ options: { bar: lib.mkOption({ default: "foo" }) } });
    return {
      imports: [
        lib.optionalAttrs(_class === "nixos", nixosModule),
        lib.optionalAttrs(_class === "darwin", darwinModule),
      ],
    };
  },
);
