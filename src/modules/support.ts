/**
 * The few Nix builtins and nixpkgs lib functions the bundled modules use, in one place.
 *
 * Where `src/lib/nix` provides a function it is re-exported from there; the rest are
 * small local versions with Nix's exact semantics (see TODO markers).
 */
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import { throwError } from "../lib/errors.js";

/** Is `v` a derivation (an attribute set whose `type` is "derivation")? */
export const isDerivation = (v: unknown): v is { type: "derivation"; outPath: string } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && (v as { type?: unknown }).type === "derivation";

const isPlainAttrs = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `builtins.toString`: strings as they are, ints in decimal, true -> "1", false and null -> "",
 * lists joined by spaces, a derivation (or any set with outPath / __toString) by its path.
 * TODO(nixlib): use src/lib/nix's toString once it lands.
 */
export function nixToString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "1" : "";
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(6);
  if (Array.isArray(v)) return v.map(nixToString).join(" ");
  if (isPlainAttrs(v)) {
    const ts = (v as { __toString?: unknown }).__toString;
    if (typeof ts === "function") return nixToString((ts as (self: unknown) => unknown)(v));
    if ("outPath" in v) return nixToString(v.outPath);
  }
  return throwError(`cannot coerce ${typeof v === "function" ? "a function" : "a value"} to a string`);
}

/** String interpolation `"${v}"`: like toString but refusing bools, null, lists and numbers as Nix does. */
export function interpolate(v: unknown): string {
  if (typeof v === "string") return v;
  if (isPlainAttrs(v) && ("outPath" in v || "__toString" in v)) return nixToString(v);
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  const what = v === null ? "null" : typeof v === "boolean" ? "a Boolean" : Array.isArray(v) ? "a list" : "a value";
  return throwError(`cannot coerce ${what} to a string`);
}

/** `lib.optionalString cond s`. */
export const optionalString = (cond: boolean, s: string): string => (cond ? s : "");

/** `lib.optional cond x`. */
export const optional = <T>(cond: boolean, x: T): T[] => (cond ? [x] : []);

/** `lib.optionals cond xs`. */
export const optionals = <T>(cond: boolean, xs: readonly T[]): T[] => (cond ? [...xs] : []);

/** `builtins.concatStringsSep sep list`. */
export const concatStringsSep = (sep: string, xs: readonly unknown[]): string => xs.map(interpolate).join(sep);

/** `lib.concatStrings`. */
export const concatStrings = (xs: readonly string[]): string => xs.join("");

/** `builtins.replaceStrings from to s`: at each position the first matching pattern wins. */
export function replaceStrings(from: readonly string[], to: readonly string[], s: string): string {
  let out = "";
  let i = 0;
  while (i <= s.length) {
    let matched = false;
    for (let k = 0; k < from.length; k++) {
      const f = from[k]!;
      if (s.startsWith(f, i)) {
        out += to[k]!;
        if (f.length === 0) {
          if (i < s.length) out += s[i];
          i += 1;
        } else i += f.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      if (i < s.length) out += s[i];
      i += 1;
    }
  }
  return out;
}

/** `lib.escapeShellArg` of the 2023-07 lib: always single-quoted. */
export const escapeShellArg = (arg: unknown): string => `'${replaceStrings(["'"], ["'\\''"], nixToString(arg))}'`;

/** `builtins.attrNames`, in Nix's order. */
export const attrNames = (o: object): string[] => Object.keys(o).sort(compareCodeUnits);

/** `lib.mapAttrsToList f attrs`, in Nix's order. */
export const mapAttrsToList = <R>(f: (name: string, value: any) => R, o: Record<string, unknown>): R[] =>
  attrNames(o).map((n) => f(n, o[n]));

/** `builtins.toJSON` of a string, escaping as Nix does. */
export function stringToJSON(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** `lib.getOutput output pkg` (our derivations have a single output: the package itself). */
export function getOutput(output: string, pkg: unknown): unknown {
  if (isPlainAttrs(pkg) && !(pkg as { outputSpecified?: unknown }).outputSpecified) {
    const o = pkg as Record<string, unknown>;
    if (output in o) return o[output];
    if ("out" in o) return o.out;
  }
  return pkg;
}

/** `lib.makeSearchPath subDir paths`. */
export const makeSearchPath = (subDir: string, paths: readonly unknown[]): string =>
  paths
    .filter((p) => p !== null)
    .map((p) => `${interpolate(p)}/${subDir}`)
    .join(":");

/** `lib.makeSearchPathOutput output subDir pkgs`. */
export const makeSearchPathOutput = (output: string, subDir: string, pkgs: readonly unknown[]): string =>
  makeSearchPath(
    subDir,
    pkgs.map((p) => getOutput(output, p)),
  );

/** `lib.makeBinPath`. */
export const makeBinPath = (pkgs: readonly unknown[]): string => makeSearchPathOutput("bin", "bin", pkgs);

/** The components of a version string as `builtins.splitVersion` cuts them. */
function nextComponents(v: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < v.length) {
    const c = v[i]!;
    if (c === "." || c === "-") {
      i++;
      continue;
    }
    let j = i;
    if (c >= "0" && c <= "9") while (j < v.length && v[j]! >= "0" && v[j]! <= "9") j++;
    else while (j < v.length && !(v[j]! >= "0" && v[j]! <= "9") && v[j] !== "." && v[j] !== "-") j++;
    out.push(v.slice(i, j));
    i = j;
  }
  return out;
}

const isNum = (s: string): boolean => /^[0-9]+$/.test(s);

function componentsLT(c1: string, c2: string): boolean {
  const n1 = isNum(c1);
  const n2 = isNum(c2);
  if (n1 && n2) return BigInt(c1) < BigInt(c2);
  if (c1 === "" && n2) return true;
  if (c1 === "pre" && c2 !== "pre") return true;
  if (c2 === "pre") return false;
  if (n1) return false;
  if (n2) return true;
  return c1 < c2;
}

/** `builtins.compareVersions`. */
export function compareVersions(a: string, b: string): number {
  const ca = nextComponents(a);
  const cb = nextComponents(b);
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
    const x = ca[i] ?? "";
    const y = cb[i] ?? "";
    if (componentsLT(x, y)) return -1;
    if (componentsLT(y, x)) return 1;
  }
  return 0;
}

/** `lib.versionAtLeast v1 v2`. */
export const versionAtLeast = (v1: string, v2: string): boolean => compareVersions(v1, v2) !== -1;

/** `builtins.trace msg v`: print `trace: msg` on stderr, return `v`. */
export function trace<T>(msg: string, v: T): T {
  process.stderr.write(`trace: ${msg}\n`);
  return v;
}

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
 * An attribute set from [name, thunk] pairs (`listToAttrs`), every value a memoized getter
 * left unevaluated until read.
 */
export function lazyAttrs<T>(entries: readonly [string, () => T][]): Record<string, T> {
  const o = Object.create(null) as Record<string, T>;
  for (const [name, f] of entries) {
    if (Object.prototype.hasOwnProperty.call(o, name)) continue; // like listToAttrs: the first wins
    const get = thunk(f);
    Object.defineProperty(o, name, { enumerable: true, configurable: true, get });
  }
  return o;
}
