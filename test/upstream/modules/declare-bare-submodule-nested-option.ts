// Declares `bare-submodule` again, with a module declaring `nested`.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-bare-submodule-nested-option.nix", ({ config, lib }) => ({
  options: {
    "bare-submodule": lib.mkOption({
      type: lib.types.submoduleWith({
        get shorthandOnlyDefinesConfig() {
          return config.shorthandOnlyDefinesConfig;
        },
        modules: [{ options: { nested: lib.mkOption({ type: lib.types.int, default: 1 }) } }],
      }),
    }),
  },
}));
