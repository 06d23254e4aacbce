// A coercion whose result may not fit the final type (toInt into a signed 8-bit int).
import { fromFile } from "./part1-file.js";

export default fromFile("declare-coerced-value-unsound.nix", ({ lib }) => ({
  options: {
    value: lib.mkOption({
      default: "12",
      type: lib.types.coercedTo(lib.types.str, lib.toInt, lib.types.ints.s8),
    }),
  },
}));
