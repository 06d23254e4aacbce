// An inline module with a `key` can be disabled by handing the module itself.
import declareEnable from "./declare-enable.js";
import { fromFile } from "./part1-file.js";

export default fromFile("disable-module-with-key.nix", ({ lib }) => {
  const moduleWithKey = {
    key: "disable-module-with-key.nix#moduleWithKey",
    config: { enable: true },
  };
  return {
    options: {
      positive: lib.mkOption({
        type: lib.types.submodule({ imports: [declareEnable, moduleWithKey] }),
        default: {},
      }),
      negative: lib.mkOption({
        type: lib.types.submodule({
          imports: [declareEnable, moduleWithKey],
          disabledModules: [moduleWithKey],
        }),
        default: {},
      }),
    },
  };
});
