// A `meta` attribute in shorthand syntax is config, and must be defined once only.
import type { ModuleArgs } from "../../../src/lib/module-types.js";
import { fromFile } from "./part1-file.js";

export default fromFile("shorthand-meta.nix", ({ lib }) => ({
  imports: [
    ({ config }: ModuleArgs) => ({
      options: {
        meta: { foo: lib.mkOption({ type: lib.types.listOf(lib.types.str) }) },
        result: lib.mkOption({
          get default() {
            return lib.concatStringsSep(" ", config.meta.foo);
          },
        }),
      },
    }),
    { meta: { foo: ["one", "two"] } },
  ],
}));
