// A declared option that reads a freeform value.
import { fromFile } from "./part1-file.js";
import { mkIfLazy } from "./part2-util.js";

export default fromFile("freeform-str-dep-unstr.nix", ({ lib, config }) => ({
  options: {
    foo: lib.mkOption({ type: lib.types.nullOr(lib.types.str), default: null }),
  },
  config: {
    foo: mkIfLazy(
      () => "value" in config,
      () => config.value,
    ),
  },
}));
