// A submodule declaring an option named `config`, shorthand syntax not restricted to config.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-submoduleWith-noshorthand.nix", ({ lib }) => {
  const sub = { options: { config: lib.mkOption({ type: lib.types.bool, default: false }) } };
  return {
    options: {
      submodule: lib.mkOption({
        type: lib.types.submoduleWith({
          modules: [sub],
        }),
        default: {},
      }),
    },
  };
});
