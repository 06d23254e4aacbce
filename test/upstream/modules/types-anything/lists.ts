import { fromFile } from "../part1-file.js";

export default fromFile("types-anything/lists.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.anything }) },
  config: lib.mkMerge([{ value: [null] }, { value: [null] }]),
}));
