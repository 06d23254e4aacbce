// A value.foo defined under `mkIf false` is not an attribute of value (attrsOf only).
import { fromFile } from "./part1-file.js";

export default fromFile("attrsOf-conditional-check.nix", ({ lib, config }) => ({
  options: {
    conditionalWorks: lib.mkOption({
      get default() {
        return !("foo" in config.value);
      },
    }),
  },
  config: { value: { foo: lib.mkIf(false, "should not be defined") } },
}));
