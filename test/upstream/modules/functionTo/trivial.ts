import { fromFile } from "../part1-file.js";

export default fromFile("functionTo/trivial.nix", ({ lib, config }) => ({
  options: {
    fun: lib.mkOption({ type: lib.types.functionTo(lib.types.str) }),
    result: lib.mkOption({
      type: lib.types.str,
      get default() {
        return config.fun("input");
      },
    }),
  },
  config: { fun: (input: string) => `input is ${input}` },
}));
