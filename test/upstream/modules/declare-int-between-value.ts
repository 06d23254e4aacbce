import { fromFile } from "./part1-file.js";

export default fromFile("declare-int-between-value.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.ints.between(-21, 43) }) },
}));
