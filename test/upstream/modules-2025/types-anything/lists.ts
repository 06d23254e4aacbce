// Two different lists defined for `anything`.
import { fromFile } from "../../modules/part1-file.js";

export default fromFile("types-anything/lists.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.anything }) },
  config: lib.mkMerge([{ value: ["a value"] }, { value: ["another value"] }]),
}));
