/** nixmod: the Nix module system in TypeScript. */
export { evalModules, type Evaluation, type EvalModulesArgs } from "./lib/evaluation.js";
export { tryConfigAttr, usedButNotDefined } from "./lib/merge.js";
export * from "./lib/properties.js";
export * from "./lib/options.js";
export * from "./lib/renames.js";
export { lib, type Lib } from "./lib/lib.js";
export {
  activeLibRevision,
  latestLibRevision,
  libRevisions,
  setLibRevision,
  withLibRevision,
  type LibRevision,
} from "./lib/lib-revision.js";
export { types, type OptionType, type TypeOf } from "./types/index.js";
export {
  EvalError,
  InfiniteRecursionError,
  renderError,
  renderException,
  errorContexts,
  formatNixError,
  throwError,
  abort,
  setEvalErrorStackDepth,
} from "./lib/errors.js";
export { Lazy, lazy, force } from "./lib/lazy.js";
export {
  renderJson,
  toJsonValue,
  stringifyJson,
  type Json,
  type ToJsonOptions,
} from "./tools/render-json.js";
export { loadModuleFile, loadModuleFiles, LoadError } from "./loader/loader.js";
export type { Module, ModuleArgs, ModuleObject, Definition } from "./lib/module-types.js";
export * from "./lib/typed.js";
