// Declares an option inside the submodule option `bare-submodule`.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-bare-submodule-deep-option.nix", ({ lib }) => ({
  options: {
    "bare-submodule": { deep: lib.mkOption({ type: lib.types.int, default: 2 }) },
  },
}));
