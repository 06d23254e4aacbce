// A freeform value that reads a declared option.
import { fromFile } from "./part1-file.js";
import { mkIfLazy } from "./part2-util.js";

export default fromFile("freeform-unstr-dep-str.nix", ({ lib, config }) => ({
  options: {
    value: lib.mkOption({ type: lib.types.nullOr(lib.types.str), default: null }),
  },
  config: {
    foo: mkIfLazy(
      () => config.value !== null,
      () => config.value,
    ),
  },
}));
