// deferredModule: a `default` module merged from several definitions is imported
// into every `nodes.<name>` submodule.
import { fromFile } from "./part1-file.js";
import defineSettingsDictAIsB from "./define-settingsDict-a-is-b.js";

export default fromFile("deferred-module.nix", ({ lib }) => {
  const { mkOption } = lib;
  const { deferredModule, lazyAttrsOf, submodule, str, enum: enumOf } = lib.types;
  return {
    imports: [
      // The generic module: nodes.<name> and default; every node imports default.
      ({ config }: { config: any }) => ({
        _file: "generic.nix",
        options: {
          nodes: mkOption({
            type: lazyAttrsOf(
              submodule({
                get imports() {
                  return [config.default];
                },
              }),
            ),
            default: {},
          }),
          default: mkOption({
            type: deferredModule,
            default: {},
            description: "A module every node includes.",
          }),
        },
      }),
      {
        _file: "default-1.nix",
        default: () => ({
          options: {
            settingsDict: mkOption({ type: lazyAttrsOf(str), default: {} }),
            bottom: mkOption({ type: enumOf([]) }),
          },
        }),
      },
      {
        _file: "default-a-is-b.nix",
        default: defineSettingsDictAIsB,
      },
      {
        _file: "nodes-foo.nix",
        nodes: { foo: { settingsDict: { b: "beta" } } },
      },
      {
        _file: "the-file-that-contains-the-bad-config.nix",
        default: { bottom: "bogus" },
      },
      {
        _file: "nodes-foo-c-is-a.nix",
        nodes: {
          foo: ({ config }: { config: any }) => ({
            settingsDict: {
              get c() {
                return config.settingsDict.a;
              },
            },
          }),
        },
      },
    ],
  };
});
