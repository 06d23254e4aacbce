/** `types`: every option type, under the names nixpkgs gives them. */
import * as basic from "./basic.js";
import * as compound from "./compound.js";
import { deferredModule, deferredModuleWith, submodule, submoduleWith } from "./submodule.js";
import { attrsWithNames } from "./named.js";
import { defaultFunctor, defaultTypeMerge, isOptionType, mkOptionType, type OptionType } from "./option-type.js";
import { setTypes } from "../lib/options.js";
import { setMergeOptionTypes } from "./basic.js";
import { fixupOptionType, mergeOptionDecls } from "../lib/option-decls.js";

export const types = {
  raw: basic.raw,
  anything: basic.anything,
  unspecified: basic.unspecified,
  bool: basic.bool,
  int: basic.int,
  ints: compound.ints,
  port: compound.port,
  float: basic.float,
  number: compound.number,
  numbers: compound.numbers,
  str: basic.str,
  nonEmptyStr: basic.nonEmptyStr,
  singleLineStr: basic.singleLineStr,
  strMatching: basic.strMatching,
  separatedString: basic.separatedString,
  lines: basic.lines,
  commas: basic.commas,
  envVar: basic.envVar,
  get string() {
    return basic.deprecatedString();
  },
  passwdEntry: compound.passwdEntry,
  attrs: basic.attrs,
  package: basic.pkg,
  shellPackage: basic.shellPackage,
  pkgs: compound.pkgs,
  path: basic.path,
  pathInStore: basic.pathInStore,
  listOf: compound.listOf,
  nonEmptyListOf: compound.nonEmptyListOf,
  attrsOf: compound.attrsOf,
  lazyAttrsOf: compound.lazyAttrsOf,
  /** nixmod's own: an attribute set whose names are checked too (not in nixpkgs). */
  attrsWithNames,
  uniq: compound.uniq,
  unique: compound.unique,
  nullOr: compound.nullOr,
  functionTo: compound.functionTo,
  submodule,
  submoduleWith,
  deferredModule,
  deferredModuleWith,
  optionType: basic.optionType,
  enum: basic.enumOf,
  either: compound.either,
  oneOf: compound.oneOf,
  coercedTo: compound.coercedTo,
  addCheck: compound.addCheck,
  mkOptionType,
  defaultFunctor,
  defaultTypeMerge,
  isOptionType,
  isType: (type: string, x: unknown): boolean => (x as { _type?: unknown } | null)?._type === type,
};

setTypes({ bool: basic.bool, package: basic.pkg, nullOr: compound.nullOr });
setMergeOptionTypes((loc, defs) => {
  const optionModules = defs.map(({ value, file }) => ({ _file: file, options: { _type: "option", type: value } }));
  return fixupOptionType(loc, mergeOptionDecls(loc, optionModules)).type as OptionType;
});

export type { OptionType, TypeOf } from "./option-type.js";
export { mkOptionType };
