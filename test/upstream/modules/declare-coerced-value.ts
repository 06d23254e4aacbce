// A string option that also takes integers, turned into strings.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-coerced-value.nix", ({ lib }) => ({
  options: {
    value: lib.mkOption({
      default: 42,
      type: lib.types.coercedTo(lib.types.int, (n: number) => lib.toString(n), lib.types.str),
    }),
  },
}));
