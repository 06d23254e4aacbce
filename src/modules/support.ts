/**
 * The Nix builtins and nixpkgs lib functions the bundled modules use, in one place: re-exported
 * from `src/lib/nix`, plus the two small helpers a translation from Nix needs in JavaScript
 * (memoized thunks for `let` bindings, and attribute sets of lazy values).
 */
import { defineLazy, nullProtoFor } from "../lib/attrs-lazy.js";
import { coerceToString } from "../lib/nix/strings.js";
import { toJSON } from "../lib/nix/json.js";

export {
  concatStrings,
  concatStringsSep,
  escapeShellArg,
  escapeShellArgIfNeeded,
  escapeShellArgQuoted,
  makeBinPath,
  makeSearchPath,
  makeSearchPathOutput,
  optionalString,
  replaceStrings,
} from "../lib/nix/strings.js";
export { optional, optionals } from "../lib/nix/lists.js";
export {
  attrNames,
  getOutput,
  isDerivation,
  mapAttrs,
  mapAttrsPrime,
  mapAttrsToList,
  nameValuePair,
  optionalAttrs,
} from "../lib/nix/attrsets.js";
export { compareVersions, trace, versionAtLeast } from "../lib/nix/trivial.js";

/** `builtins.toString`: also null, booleans, numbers and lists. */
export const nixToString = (v: unknown): string => coerceToString(v, true);

/** String interpolation `"${v}"`: strings, and sets with `outPath` (derivations) or `__toString`. */
export const interpolate = (v: unknown): string => coerceToString(v, false);

/** `builtins.toJSON` of a string. */
export const stringToJSON = (s: string): string => toJSON(s);

/** A memoized thunk (a Nix `let` binding). */
export function thunk<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/**
 * An attribute set from [name, thunk] pairs (`listToAttrs`), every value computed once, when
 * first read.
 */
export function lazyAttrs<T>(entries: readonly [string, () => T][]): Record<string, T> {
  const o = nullProtoFor<T>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const [name, f] = entries[i]!;
    if (Object.prototype.hasOwnProperty.call(o, name)) continue; // like listToAttrs: the first wins
    defineLazy(o, name, f);
  }
  return o;
}
