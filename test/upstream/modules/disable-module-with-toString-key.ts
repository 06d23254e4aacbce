// A module key that is not a string (an integer) is compared after toString.
import declareEnable from "./declare-enable.js";
import { fromFile } from "./part1-file.js";

export default fromFile("disable-module-with-toString-key.nix", ({ lib }) => {
  const moduleWithKey = { key: 123, config: { enable: true } };
  return {
    options: {
      positive: lib.mkOption({
        type: lib.types.submodule({ imports: [declareEnable, moduleWithKey] }),
        default: {},
      }),
      negative: lib.mkOption({
        type: lib.types.submodule({
          imports: [declareEnable, moduleWithKey],
          disabledModules: [123],
        }),
        default: {},
      }),
    },
  };
});
