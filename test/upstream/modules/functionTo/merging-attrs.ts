import { fromFile } from "../part1-file.js";

export default fromFile("functionTo/merging-attrs.nix", ({ lib, config }) => ({
  options: {
    fun: lib.mkOption({ type: lib.types.functionTo(lib.types.attrsOf(lib.types.str)) }),
    result: lib.mkOption({
      type: lib.types.str,
      get default() {
        return (lib.attrValues(config.fun({ a: "a", b: "b", c: "c" })) as string[]).join(" ");
      },
    }),
  },
  config: {
    fun: lib.mkMerge([
      (input: any) => ({ a: input.a }),
      (input: any) => ({ b: input.b }),
      (input: any) => ({ b: lib.mkForce(input.c) }),
    ]),
  },
}));
