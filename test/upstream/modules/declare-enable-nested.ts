import { fromFile } from "./part1-file.js";

export default fromFile("declare-enable-nested.nix", ({ lib }) => ({
  options: {
    set: {
      enable: lib.mkOption({
        default: false,
        example: true,
        type: lib.types.bool,
        description: "Whether the nested test feature is on.",
      }),
    },
  },
}));
