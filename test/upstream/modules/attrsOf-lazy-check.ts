// Asking whether value has `foo` must not evaluate value.bar.
import { fromFile } from "./part1-file.js";
import { throwError } from "../../../src/lib/errors.js";

export default fromFile("attrsOf-lazy-check.nix", ({ lib, config }) => ({
  options: {
    isLazy: lib.mkOption({
      get default() {
        return !("foo" in config.value);
      },
    }),
  },
  config: {
    value: {
      get bar() {
        return throwError("is not lazy");
      },
    },
  },
}));
