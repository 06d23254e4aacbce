// value: attrsOf str, next to an option whose every mkOption argument throws when read.
import { fromFile } from "./part1-file.js";
import { deathtrapArgs } from "./part2-util.js";

export default fromFile("declare-attrsOf.nix", ({ lib }) => ({
  options: {
    value: lib.mkOption({ type: lib.types.attrsOf(lib.types.str), default: {} }),
    "testing-laziness-so-don't-read-me": lib.mkOption(deathtrapArgs()),
  },
}));
