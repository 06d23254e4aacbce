// The coerced option of declare-coerced-value.nix again, without a default.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("declare-coerced-value-no-default.nix", ({ lib }) => ({
  options: {
    value: lib.mkOption({
      type: lib.types.coercedTo(lib.types.int, (n: number) => lib.toString(n), lib.types.str),
    }),
  },
}));
