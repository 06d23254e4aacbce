// A submodule declaring an option named `config`, with shorthand definitions only defining config.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-submoduleWith-shorthand.nix", ({ lib }) => {
  const sub = { options: { config: lib.mkOption({ type: lib.types.bool, default: false }) } };
  return {
    options: {
      submodule: lib.mkOption({
        type: lib.types.submoduleWith({
          modules: [sub],
          shorthandOnlyDefinesConfig: true,
        }),
        default: {},
      }),
    },
  };
});
