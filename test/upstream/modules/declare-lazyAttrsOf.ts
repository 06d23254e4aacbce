// value: lazyAttrsOf of a str type whose empty value is "empty".
import { fromFile } from "./part1-file.js";
import { update } from "../../../src/lib/nix/attrsets.js";

export default fromFile("declare-lazyAttrsOf.nix", ({ lib }) => ({
  options: {
    value: lib.mkOption({
      type: lib.types.lazyAttrsOf(update(lib.types.str, { emptyValue: { value: "empty" } })),
      default: {},
    }),
  },
}));
