// A submoduleWith whose module list and definition are file modules ("paths").
import { fromFile } from "./part1-file.js";
import declareEnable from "./declare-enable.js";
import defineEnable from "./define-enable.js";

export default fromFile("declare-submoduleWith-path.nix", ({ lib }) => ({
  options: {
    submodule: lib.mkOption({
      type: lib.types.submoduleWith({ modules: [declareEnable] }),
      default: {},
    }),
  },
  config: { submodule: defineEnable },
}));
