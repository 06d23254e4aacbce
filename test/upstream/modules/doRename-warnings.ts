import { fromFile } from "./part1-file.js";

export default fromFile("doRename-warnings.nix", ({ lib, config }) => ({
  imports: [
    lib.doRename({ from: ["a", "b"], to: ["c", "d", "e"], warn: true, use: (x: unknown) => x, visible: true }),
  ],
  options: {
    warnings: lib.mkOption({ type: lib.types.listOf(lib.types.str) }),
    c: { d: { e: lib.mkOption({}) } },
    result: lib.mkOption({}),
  },
  config: {
    a: { b: 1234 },
    get result() {
      return lib.concatStringsSep("%", config.warnings);
    },
  },
}));
