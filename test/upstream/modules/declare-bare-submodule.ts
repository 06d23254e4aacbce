// A submodule option with no modules of its own; other files add options to it.
// Its shorthandOnlyDefinesConfig comes from config (to parameterize the tests).
import { fromFile } from "./part1-file.js";

export default fromFile("declare-bare-submodule.nix", ({ config, lib }) => ({
  options: {
    "bare-submodule": lib.mkOption({
      type: lib.types.submoduleWith({
        modules: [],
        get shorthandOnlyDefinesConfig() {
          return config.shorthandOnlyDefinesConfig;
        },
      }),
      default: {},
    }),
    shorthandOnlyDefinesConfig: lib.mkOption({ default: false }),
  },
}));
