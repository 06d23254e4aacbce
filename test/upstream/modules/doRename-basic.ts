import { fromFile } from "./part1-file.js";

export default fromFile("doRename-basic.nix", ({ lib }) => ({
  imports: [
    lib.doRename({ from: ["a", "b"], to: ["c", "d", "e"], warn: true, use: (x: unknown) => x, visible: true }),
  ],
  options: { c: { d: { e: lib.mkOption({}) } } },
  config: { a: { b: 1234 } },
}));
