// A deferredModule defined as a function that returns something that is not a module.
import { fromFile } from "./part1-file.js";

export default fromFile("deferred-module-error.nix", ({ config, lib }) => ({
  options: {
    deferred: lib.mkOption({ type: lib.types.deferredModule }),
    result: lib.mkOption({
      get default() {
        return lib.evalModules({ modules: [config.deferred] }).config.result;
      },
    }),
  },
  config: {
    // should be an attribute set: this is the error
    deferred: () => true,
  },
}));
