// attrsOfSub: an attribute set of submodules, each with a boolean `enable`.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-attrsOfSub-any-enable.nix", ({ lib }) => {
  const submod = () => ({
    options: {
      enable: lib.mkOption({
        default: false,
        example: true,
        type: lib.types.bool,
        description: "Whether this entry is on.",
      }),
    },
  });
  return {
    options: {
      attrsOfSub: lib.mkOption({
        default: {},
        example: {},
        type: lib.types.attrsOf(lib.types.submodule([submod])),
        description: "Named entries.",
      }),
    },
  };
});
