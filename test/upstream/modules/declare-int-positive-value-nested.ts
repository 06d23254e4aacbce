import { fromFile } from "./part1-file.js";

export default fromFile("declare-int-positive-value-nested.nix", ({ lib }) => ({
  options: { set: { value: lib.mkOption({ type: lib.types.ints.positive }) } },
}));
