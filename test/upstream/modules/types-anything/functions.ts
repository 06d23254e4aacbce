// Functions under `anything`: one definition is kept, several are merged on application.
import { fromFile } from "../part1-file.js";

export default fromFile("types-anything/functions.nix", ({ lib, config }) => ({
  options: {
    value: lib.mkOption({ type: lib.types.anything }),
    applied: lib.mkOption({
      get default() {
        return lib.mapAttrs((_name: string, fun: (x: unknown) => unknown) => fun(null), config.value);
      },
    }),
  },
  config: lib.mkMerge([
    {
      value: {
        "single-lambda": (x: unknown) => x,
        "multiple-lambdas": (x: unknown) => ({ x }),
        "merging-lambdas": (x: unknown) => ({ x }),
      },
    },
    {
      value: {
        "multiple-lambdas": (x: unknown) => [x],
        "merging-lambdas": (y: unknown) => ({ y }),
      },
    },
  ]),
}));
