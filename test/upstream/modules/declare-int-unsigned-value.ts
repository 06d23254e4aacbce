import { fromFile } from "./part1-file.js";

export default fromFile("declare-int-unsigned-value.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.ints.unsigned }) },
}));
