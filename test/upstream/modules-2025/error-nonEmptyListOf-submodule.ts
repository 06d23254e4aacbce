// A non-empty list of submodules, with an empty list by default.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("error-nonEmptyListOf-submodule.nix", ({ lib }) => ({
  options: {
    bad: lib.mkOption({ type: lib.types.nonEmptyListOf(lib.types.submodule({})), default: [] }),
  },
}));
