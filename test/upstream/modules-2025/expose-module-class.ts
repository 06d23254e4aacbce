// An option whose default is the `_class` the module is evaluated with.
import { fromFile } from "../modules/part1-file.js";
import type { ModuleArgs } from "../../../src/lib/module-types.js";

export default fromFile(
  "expose-module-class.nix",
  ({ _class, lib }: ModuleArgs & { _class: string | null }) => ({
    options: { foo: lib.mkOption({ default: _class }) },
  }),
);
