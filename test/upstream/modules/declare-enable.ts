// A boolean option `enable`, off by default.
import { fromFile } from "./part1-file.js";

export default fromFile("declare-enable.nix", ({ lib }) => ({
  options: {
    enable: lib.mkOption({
      default: false,
      example: true,
      type: lib.types.bool,
      description: "Whether the test feature is on.",
    }),
  },
}));
