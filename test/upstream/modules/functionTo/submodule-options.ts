// functionTo of submodules: the declarations of both modules are merged, and the
// sub-options are located under `fun.<function body>`.
import { fromFile } from "../part1-file.js";
import { throwError } from "../../../../src/lib/errors.js";

/** An argument that must never be looked at (upstream: `throw "..."`). */
const untouchable = new Proxy(
  {},
  {
    get: () => throwError("shouldn't use input param"),
    has: () => throwError("shouldn't use input param"),
    ownKeys: () => throwError("shouldn't use input param"),
  },
);

export default fromFile("functionTo/submodule-options.nix", ({ lib, config, options }) => {
  const { types } = lib;
  return {
    imports: [
      // fun.<function body>.a
      () => ({
        options: {
          fun: lib.mkOption({
            type: types.functionTo(types.submodule({ options: { a: lib.mkOption({ default: "a" }) } })),
          }),
        },
      }),
      // fun.<function body>.b
      () => ({
        options: {
          fun: lib.mkOption({
            type: types.functionTo(types.submodule({ options: { b: lib.mkOption({ default: "b" }) } })),
          }),
        },
      }),
    ],
    options: {
      result: lib.mkOption({
        type: types.str,
        get default() {
          return lib.concatStringsSep(" ", lib.attrValues(config.fun(untouchable)));
        },
      }),
      optionsResult: lib.mkOption({
        type: types.str,
        get default() {
          return lib.concatStringsSep(
            " ",
            lib.concatLists(
              lib.mapAttrsToList(
                (k: string, v: any) => (k === "_module" ? [] : [lib.showOption(v.loc)]),
                options.fun.type.getSubOptions(["fun"]),
              ),
            ),
          );
        },
      }),
    },
    config: {
      fun: lib.mkMerge([(_input: unknown) => ({ b: "bee" })]),
    },
  };
});
