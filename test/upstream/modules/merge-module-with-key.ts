// Anonymous modules are deduplicated by their key: a keyed module imported twice counts
// once, an unkeyed one twice.
import { fromFile, nixPath } from "./part1-file.js";

export default fromFile("merge-module-with-key.nix", ({ lib }) => {
  const { mkOption, types } = lib;
  const moduleWithoutKey = { config: { raw: "pear" } };
  const moduleWithKey = {
    key: nixPath("merge-module-with-key.nix") + "#moduleWithKey",
    config: { raw: "pear" },
  };
  const decl = { options: { raw: mkOption({ type: types.lines }) } };
  return {
    options: {
      once: mkOption({
        type: types.submodule({ imports: [decl, moduleWithKey, moduleWithKey] }),
        default: {},
      }),
      twice: mkOption({
        type: types.submodule({ imports: [decl, moduleWithoutKey, moduleWithoutKey] }),
        default: {},
      }),
    },
  };
});
