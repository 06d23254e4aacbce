/**
 * `lib`: the library handed to modules, in one namespace like nixpkgs' lib:
 * the module system (mkOption, mkIf, types, evalModules, ...) and the Nix
 * builtins and helpers modules use (escapeShellArg, mapAttrs, ...).
 */
import * as nix from "./nix/index.js";
import * as options from "./options.js";
import * as properties from "./properties.js";
import * as renames from "./renames.js";
import { evalModules } from "./evaluation.js";
import { mergeAttrDefinitionsWithPrio, mergeDefinitions } from "./merged-definitions.js";
import { fixupOptionType, mergeOptionDecls } from "./option-decls.js";
import { types } from "../types/index.js";
import { throwError, abort, addErrorContext } from "./errors.js";

const modules = {
  ...properties,
  ...renames,
  evalModules,
  mergeDefinitions,
  mergeAttrDefinitionsWithPrio,
  mergeOptionDecls,
  fixupOptionType,
  setDefaultModuleLocation: (file: string, m: unknown) => ({ _file: file, imports: [m] }),
};

export const lib = {
  ...nix,
  ...options,
  ...modules,
  options,
  modules,
  types,
  // Nix names with a prime, for modules translated from Nix (`lib["mapAttrs'"]`).
  "mapAttrs'": nix.mapAttrsPrime,
  "foldl'": nix.foldlPrime,
  throw: throwError,
  throwError,
  abort,
  addErrorContext,
};

export type Lib = typeof lib;
