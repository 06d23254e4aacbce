// The same declaration as declare-bare-submodule-deep-option, from another file.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-bare-submodule-deep-option-duplicate.nix", ({ lib }) => ({
  options: {
    "bare-submodule": { deep: lib.mkOption({ type: lib.types.int, default: 2 }) },
  },
}));
