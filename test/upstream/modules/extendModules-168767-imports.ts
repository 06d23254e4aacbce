// Anonymous modules in a submodule survive extendModules' import deduplication (issue 168767).
import { fromFile } from "./part1-file.js";

export default fromFile("extendModules-168767-imports.nix", ({ lib }) => ({
  imports: [
    {
      options: {
        sub: lib.mkOption({
          default: {},
          // `extendModules` comes from `_module.args`: read when the type is needed.
          type: lib.types.submodule((args: any) => ({
            options: {
              value: lib.mkOption({ type: lib.types.int }),
              specialisation: lib.mkOption({
                default: {},
                get type() {
                  return args.extendModules({
                    modules: [{ specialisation: lib.mkOverride(0, {}) }],
                  }).type;
                },
              }),
            },
          })),
        }),
      },
    },
    { config: { sub: { value: 1 } } },
  ],
}));
