// Anonymous modules in a submodule survive extendModules' import deduplication (issue 168767).
import { fromFile } from "./part1-file.js";

export default fromFile("extendModules-168767-imports.nix", ({ lib }) => ({
  imports: [
    {
      options: {
        sub: lib.mkOption({
          default: {},
          type: lib.types.submodule(({ extendModules }: { extendModules: any }) => ({
            options: {
              value: lib.mkOption({ type: lib.types.int }),
              specialisation: lib.mkOption({
                default: {},
                get type() {
                  return extendModules({
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
