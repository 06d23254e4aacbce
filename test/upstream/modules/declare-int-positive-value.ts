import { fromFile } from "./part1-file.js";

export default fromFile("declare-int-positive-value.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.ints.positive }) },
}));
