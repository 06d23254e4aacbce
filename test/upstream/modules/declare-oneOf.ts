import { fromFile } from "./part1-file.js";

export default fromFile("declare-oneOf.nix", ({ lib }) => ({
  options: {
    value: lib.mkOption({
      type: lib.types.oneOf([lib.types.int, lib.types.listOf(lib.types.int), lib.types.str]),
    }),
  },
}));
