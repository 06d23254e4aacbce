// value, under mkDefault in an import and under mkMerge/mkIf here.
import { fromFile } from "./part1-file.js";

export default fromFile("define-value-string-properties.nix", ({ lib }) => ({
  imports: [{ value: lib.mkDefault("def") }],
  value: lib.mkMerge([lib.mkIf(false, "nope"), "yes"]),
}));
