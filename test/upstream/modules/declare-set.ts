import { fromFile } from "./part1-file.js";

export default fromFile("declare-set.nix", ({ lib }) => ({
  options: {
    set: lib.mkOption({
      default: {},
      example: { a: 1 },
      type: lib.types.attrsOf(lib.types.int),
      description: "A set of integers.",
    }),
  },
}));
