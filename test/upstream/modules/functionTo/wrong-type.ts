import { fromFile } from "../part1-file.js";

export default fromFile("functionTo/wrong-type.nix", ({ lib, config }) => ({
  options: {
    fun: lib.mkOption({ type: lib.types.functionTo(lib.types.str) }),
    result: lib.mkOption({
      type: lib.types.str,
      get default() {
        return config.fun(0);
      },
    }),
  },
  config: { fun: (input: number) => input + 1 },
}));
