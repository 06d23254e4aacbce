import { fromFile } from "../part1-file.js";

export default fromFile("functionTo/merging-list.nix", ({ lib, config }) => ({
  options: {
    fun: lib.mkOption({ type: lib.types.functionTo(lib.types.listOf(lib.types.str)) }),
    result: lib.mkOption({
      type: lib.types.str,
      get default() {
        // toString of a list of strings: joined with spaces
        return (config.fun({ a: "a", b: "b", c: "c" }) as string[]).join(" ");
      },
    }),
  },
  config: {
    fun: lib.mkMerge([(input: any) => [input.a], (input: any) => [input.b]]),
  },
}));
