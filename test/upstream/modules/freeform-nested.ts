// Options declared under a freeform set, one of them never to be read.
import { fromFile } from "./part1-file.js";
import { deathtrapArgs } from "./part2-util.js";

export default fromFile("freeform-nested.nix", ({ lib }) => ({
  options: {
    nest: {
      foo: lib.mkOption({ type: lib.types.bool, default: false }),
      unused: lib.mkOption(deathtrapArgs()),
    },
  },
  config: { nest: { bar: "bar" } },
}));
