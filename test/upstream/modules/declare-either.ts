import { fromFile } from "./part1-file.js";

export default fromFile("declare-either.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.either(lib.types.int, lib.types.str) }) },
}));
