/**
 * String builtins and nixpkgs `lib.strings` functions with Nix semantics.
 *
 * Nix strings are byte strings: `stringLength` and `substring` count UTF-8 bytes, as in Nix.
 * Case conversion is ASCII-only, as in nixpkgs lib.
 */
import { activeLibRevision } from "../lib-revision.js";
import { compareCodeUnits } from "../attrs-lazy.js";
import { throwError, throwTypeError } from "../errors.js";
import { describeType, getOutput, hasAttr, isAttrs, sanitizeName, type Attrs } from "./attrsets.js";
import { toJSON } from "./json.js";
import { formatFixed } from "./numbers.js";
import { warn } from "./trivial.js";

export { sanitizeName as sanitizeDerivationName };

/** The Nix store directory. */
export const storeDir = "/nix/store";

// ---------------------------------------------------------------------------------------------
// Coercion

/**
 * Nix's string coercion. With `coerceMore` false this is string interpolation (`"${v}"`): strings,
 * paths and sets with `__toString` or `outPath` only. With `coerceMore` true it is `builtins.toString`:
 * also null -> "", true -> "1", false -> "", numbers, and lists (elements joined by a space).
 */
export function coerceToString(v: unknown, coerceMore = false): string {
  if (typeof v === "string") return v;
  if (isAttrs(v)) {
    if (hasAttr("__toString", v)) {
      const f = v.__toString;
      if (typeof f !== "function") throwError(`attempt to call something which is not a function but ${describeType(f)}`);
      return coerceToString((f as (self: unknown) => unknown)(v), coerceMore);
    }
    if (hasAttr("outPath", v)) return coerceToString(v.outPath, coerceMore);
    throwError("cannot coerce a set to a string");
  }
  if (typeof v === "function") throwError("cannot coerce a function to a string");
  if (coerceMore) {
    if (v === null || v === undefined || v === false) return "";
    if (v === true) return "1";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : formatFixed(v);
    if (typeof v === "bigint") return v.toString();
    if (Array.isArray(v)) {
      let out = "";
      v.forEach((el, i) => {
        out += coerceToString(el, true);
        if (i < v.length - 1 && !(Array.isArray(el) && el.length === 0)) out += " ";
      });
      return out;
    }
  }
  throwError(`cannot coerce ${describeType(v)} to a string`);
}

/** `builtins.toString`. */
export function toString(v: unknown): string {
  return coerceToString(v, true);
}

/** `lib.isStringLike`: a string, a path, or a set with `outPath` or `__toString`. */
export function isStringLike(x: unknown): boolean {
  return typeof x === "string" || hasAttr("outPath", x) || hasAttr("__toString", x);
}

/** `lib.isConvertibleWithToString`. */
export function isConvertibleWithToString(x: unknown): boolean {
  return (
    isStringLike(x) ||
    x === null ||
    typeof x === "number" ||
    typeof x === "boolean" ||
    (Array.isArray(x) && x.every(isConvertibleWithToString))
  );
}

/** `builtins.dirOf` on a string. */
export function dirOf(path: string): string {
  const pos = path.lastIndexOf("/");
  if (pos === -1) return ".";
  if (pos === 0) return "/";
  return path.slice(0, pos);
}

/** `builtins.baseNameOf` on a string (a single trailing slash is ignored). */
export function baseNameOf(p: unknown): string {
  const path = coerceToString(p);
  if (path === "") return "";
  let last = path.length - 1;
  if (path[last] === "/" && last > 0) last -= 1;
  const pos = path.lastIndexOf("/", last);
  return path.slice(pos === -1 ? 0 : pos + 1, last + 1);
}

/** `lib.isStorePath`: a string-like value directly inside the store. */
export function isStorePath(x: unknown): boolean {
  if (!isStringLike(x)) return false;
  const str = toString(x);
  return str.startsWith("/") && dirOf(str) === storeDir;
}

// ---------------------------------------------------------------------------------------------
// Bytes

// eslint-disable-next-line no-control-regex
const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

/** `builtins.stringLength`: the length in bytes (UTF-8). */
export function stringLength(s: unknown): number {
  const str = coerceToString(s);
  return isAscii(str) ? str.length : Buffer.byteLength(str, "utf8");
}

/** `builtins.substring start len s`, in bytes; a negative `len` means up to the end. */
export function substring(start: number, len: number, s: unknown): string {
  const str = coerceToString(s);
  if (start < 0) throwError("negative start position in 'substring'");
  if (isAscii(str)) return len < 0 ? str.slice(start) : str.slice(start, start + len);
  const bytes = Buffer.from(str, "utf8");
  return bytes.subarray(start, len < 0 ? undefined : start + len).toString("utf8");
}

// ---------------------------------------------------------------------------------------------
// Concatenation

function expectString(v: unknown, what: string): string {
  if (typeof v !== "string") throwTypeError(`${what}: value is ${describeType(v)} while a string was expected`);
  return v;
}

/** `builtins.concatStringsSep sep list` (elements are coerced like `"${x}"`). */
export function concatStringsSep(sep: string, list: readonly unknown[]): string {
  expectString(sep, "concatStringsSep");
  return list.map((x) => coerceToString(x)).join(sep);
}

/** `lib.concatStrings list`. */
export function concatStrings(list: readonly unknown[]): string {
  return concatStringsSep("", list);
}

/** `lib.concatMapStrings f list`. */
export function concatMapStrings<T>(f: (x: T) => unknown, list: readonly T[]): string {
  return concatStrings(list.map((x) => f(x)));
}

/** `lib.concatMapStringsSep sep f list`. */
export function concatMapStringsSep<T>(sep: string, f: (x: T) => unknown, list: readonly T[]): string {
  return concatStringsSep(sep, list.map((x) => f(x)));
}

/** `lib.concatImapStrings f list` with `f(i, x)`, i counting from 1. */
export function concatImapStrings<T>(f: (i: number, x: T) => unknown, list: readonly T[]): string {
  return concatStrings(list.map((x, i) => f(i + 1, x)));
}

/** `lib.concatImapStringsSep sep f list` with `f(i, x)`, i counting from 1. */
export function concatImapStringsSep<T>(sep: string, f: (i: number, x: T) => unknown, list: readonly T[]): string {
  return concatStringsSep(sep, list.map((x, i) => f(i + 1, x)));
}

/** `lib.concatLines list`: every element followed by a newline. */
export function concatLines(list: readonly unknown[]): string {
  return concatMapStrings((s: unknown) => coerceToString(s) + "\n", list);
}

/** `lib.intersperse sep list`. */
export function intersperse<T, S>(separator: S, list: readonly T[]): (T | S)[] {
  if (list.length === 0) return [];
  const out: (T | S)[] = [list[0]!];
  for (let i = 1; i < list.length; i++) out.push(separator, list[i]!);
  return out;
}

/** `lib.optionalString cond s`. */
export function optionalString(cond: boolean, s: string): string {
  return cond ? s : "";
}

// ---------------------------------------------------------------------------------------------
// Search and replace

/** `builtins.replaceStrings from to s`: left to right, the first matching pattern wins; an
 * empty pattern matches at every position (including the end). */
export function replaceStrings(from: readonly string[], to: readonly string[], s: unknown): string {
  if (from.length !== to.length) {
    throwError("'from' and 'to' arguments to 'replaceStrings' have different lengths");
  }
  const str = coerceToString(s);
  // Text between matches is copied in runs, not character by character (a string built by
  // adding characters one at a time is a chain of thousands of small pieces).
  if (from.every((pat) => pat.length > 0 && !str.includes(pat))) return str;
  let res = "";
  let run = 0;
  for (let p = 0; p <= str.length; ) {
    let i = 0;
    while (i < from.length && !str.startsWith(from[i]!, p)) i++;
    if (i === from.length) {
      p++;
      continue;
    }
    const pat = from[i]!;
    res += str.slice(run, p) + to[i]!;
    if (pat.length === 0) {
      // The character at p is kept: it starts the next run.
      run = p;
      p++;
    } else {
      p += pat.length;
      run = p;
    }
  }
  return res + str.slice(run);
}

/** `lib.hasPrefix pref str`. */
export function hasPrefix(pref: string, str: unknown): boolean {
  return coerceToString(str).startsWith(coerceToString(pref));
}

/** `lib.hasSuffix suffix content`. */
export function hasSuffix(suffix: string, content: unknown): boolean {
  return coerceToString(content).endsWith(coerceToString(suffix));
}

/** `lib.hasInfix infix content`. */
export function hasInfix(infix: string, content: unknown): boolean {
  return coerceToString(content).includes(coerceToString(infix));
}

/** `lib.removePrefix prefix str`. */
export function removePrefix(prefix: string, str: unknown): string {
  const s = coerceToString(str);
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

/** `lib.removeSuffix suffix str`. */
export function removeSuffix(suffix: string, str: unknown): string {
  const s = coerceToString(str);
  return suffix.length <= s.length && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
}

/** `lib.stringToCharacters s` (characters by code point, where Nix splits bytes). */
export function stringToCharacters(s: string): string[] {
  return [...s];
}

/** `lib.stringAsChars f s`. */
export function stringAsChars(f: (c: string) => unknown, s: string): string {
  return concatStrings(stringToCharacters(s).map(f));
}

/** `lib.splitString sep s`: split on a literal separator; an empty separator splits every character
 * and yields "" at both ends, like Nix. */
export function splitString(sep: unknown, s: unknown): string[] {
  const sp = toString(sep);
  const str = toString(s);
  if (sp === "") return ["", ...str.split(""), ""];
  return str.split(sp);
}

/** `lib.escape list s`: put a backslash before every occurrence of the given characters. */
export function escape(list: readonly string[], s: string): string {
  return replaceStrings(
    list,
    list.map((c) => "\\" + c),
    s,
  );
}

/** `lib.escapeC list s`: replace the characters by C-style `\xNN` escapes. */
export function escapeC(list: readonly string[], s: string): string {
  return replaceStrings(
    list,
    list.map((c) => "\\x" + c.charCodeAt(0).toString(16).toLowerCase()),
    s,
  );
}

/** `lib.escapeURL s`: percent-encode everything but unreserved ASCII characters. */
export function escapeURL(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const inTable = c === 9 || c === 10 || c === 13 || (c >= 32 && c <= 126);
    if (!inTable || /^[A-Za-z0-9\-_.~]$/.test(ch)) out += ch;
    else out += "%" + c.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** `lib.escapeShellArg arg` of the 2023-07 lib: always single-quoted, `'` becoming `'\''`. */
export function escapeShellArgQuoted(arg: unknown): string {
  return "'" + replaceStrings(["'"], ["'\\''"], toString(arg)) + "'";
}

/** The words a shell reads as they are (`[[:alnum:],._+:@%/-]+`, ASCII). */
const SAFE_SHELL_WORD = /^[A-Za-z0-9,._+:@%/-]+$/;

/**
 * `lib.escapeShellArg arg` since nixpkgs PR #333744 (2024; the 2025-06 lib): a non-empty word
 * of safe characters as it is, anything else single-quoted.
 */
export function escapeShellArgIfNeeded(arg: unknown): string {
  const s = toString(arg);
  return SAFE_SHELL_WORD.test(s) ? s : escapeShellArgQuoted(s);
}

/** `lib.escapeShellArg arg` of the lib revision in force (see lib-revision.ts). */
export function escapeShellArg(arg: unknown): string {
  return activeLibRevision() === "2023-07" ? escapeShellArgQuoted(arg) : escapeShellArgIfNeeded(arg);
}

/** `lib.escapeShellArgs list` (of the lib revision in force). */
export function escapeShellArgs(list: readonly unknown[]): string {
  return list.map(escapeShellArg).join(" ");
}

/** `lib.isValidPosixName name`. */
export function isValidPosixName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

/** `lib.toShellVar name value`. */
export function toShellVar(name: string, value: unknown): string {
  if (!isValidPosixName(name)) throwError(`toShellVar: ${name} is not a valid shell variable name`);
  if (isAttrs(value) && !isStringLike(value)) {
    const parts = Object.keys(value)
      .sort(compareCodeUnits)
      .map((n) => `[${escapeShellArg(n)}]=${escapeShellArg((value as Attrs)[n])}`);
    return `declare -A ${name}=(${parts.join(" ")})`;
  }
  if (Array.isArray(value)) return `declare -a ${name}=(${escapeShellArgs(value)})`;
  return `${name}=${escapeShellArg(value)}`;
}

/** `lib.toShellVars vars`. */
export function toShellVars(vars: object): string {
  return Object.keys(vars)
    .sort(compareCodeUnits)
    .map((n) => toShellVar(n, (vars as Attrs)[n]))
    .join("\n");
}

/** `lib.escapeNixString s`: a Nix string literal (JSON with `$` escaped). */
export function escapeNixString(s: string): string {
  return escape(["$"], toJSON(s));
}

/** `lib.escapeRegex s`: escape POSIX regex special characters. */
export function escapeRegex(s: string): string {
  return escape(stringToCharacters("\\[{()^$?*+|."), s);
}

const nixIdentifier = /^[a-zA-Z_][a-zA-Z0-9_'-]*$/;

/** `lib.escapeNixIdentifier s`: as is if it is a Nix identifier, else a string literal. */
export function escapeNixIdentifier(s: string): string {
  return nixIdentifier.test(s) ? s : escapeNixString(s);
}

/** `lib.escapeXML s`. */
export function escapeXML(s: string): string {
  return replaceStrings(['"', "'", "<", ">", "&"], ["&quot;", "&apos;", "&lt;", "&gt;", "&amp;"], s);
}

const lowerChars = "abcdefghijklmnopqrstuvwxyz".split("");
const upperChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

/** `lib.toLower s` (ASCII letters only). */
export function toLower(s: string): string {
  return replaceStrings(upperChars, lowerChars, s);
}

/** `lib.toUpper s` (ASCII letters only). */
export function toUpper(s: string): string {
  return replaceStrings(lowerChars, upperChars, s);
}

/** `lib.addContextFrom a b`: string context does not exist here, so this is `b`. */
export function addContextFrom(_a: unknown, b: string): string {
  return b;
}

// ---------------------------------------------------------------------------------------------
// Search paths

/** `lib.makeSearchPath subDir paths`: `p/subDir` joined by ":", nulls skipped. */
export function makeSearchPath(subDir: string, paths: readonly unknown[]): string {
  return paths
    .filter((p) => p !== null && p !== undefined)
    .map((p) => coerceToString(p) + "/" + subDir)
    .join(":");
}

/** `lib.makeSearchPathOutput output subDir pkgs`: uses `getOutput output` of every package. */
export function makeSearchPathOutput(output: string, subDir: string, pkgs: readonly unknown[]): string {
  return makeSearchPath(
    subDir,
    pkgs.map((p) => getOutput(output, p)),
  );
}

/** `lib.makeLibraryPath pkgs`. */
export function makeLibraryPath(pkgs: readonly unknown[]): string {
  return makeSearchPathOutput("lib", "lib", pkgs);
}

/** `lib.makeBinPath pkgs`. */
export function makeBinPath(pkgs: readonly unknown[]): string {
  return makeSearchPathOutput("bin", "bin", pkgs);
}

/** `lib.normalizePath s`: collapse repeated slashes. */
export function normalizePath(s: string): string {
  return s.replace(/\/+/g, "/");
}

// ---------------------------------------------------------------------------------------------
// Names, versions, features

/** `builtins.parseDrvName s`: split at the first dash not followed by a letter. */
export function parseDrvName(s: string): { name: string; version: string } {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "-" && i + 1 < s.length && !/[A-Za-z]/.test(s[i + 1]!)) {
      return { name: s.slice(0, i), version: s.slice(i + 1) };
    }
  }
  return { name: s, version: "" };
}

/** `lib.getName x`: of a string, or `x.pname or` the parsed `x.name`. */
export function getName(x: unknown): string {
  if (typeof x === "string") return parseDrvName(x).name;
  if (hasAttr("pname", x)) return (x as Attrs).pname as string;
  return parseDrvName((x as Attrs).name as string).name;
}

/** `lib.getVersion x`. */
export function getVersion(x: unknown): string {
  if (typeof x === "string") return parseDrvName(x).version;
  if (hasAttr("version", x)) return (x as Attrs).version as string;
  return parseDrvName((x as Attrs).name as string).version;
}

/** `lib.nameFromURL url sep`. */
export function nameFromURL(url: string, sep: string): string {
  const components = splitString("/", url);
  const filename = components[components.length - 1]!;
  const name = splitString(sep, filename)[0]!;
  if (name === filename) throwError("assertion '(name != filename)' failed");
  return name;
}

/** `lib.enableFeature enable feat`. */
export function enableFeature(enable: boolean, feat: string): string {
  return `--${enable ? "enable" : "disable"}-${feat}`;
}

/** `lib.enableFeatureAs enable feat value`. */
export function enableFeatureAs(enable: boolean, feat: string, value: string): string {
  return enableFeature(enable, feat) + optionalString(enable, `=${value}`);
}

/** `lib.withFeature with_ feat`. */
export function withFeature(with_: boolean, feat: string): string {
  return `--${with_ ? "with" : "without"}-${feat}`;
}

/** `lib.withFeatureAs with_ feat value`. */
export function withFeatureAs(with_: boolean, feat: string, value: string): string {
  return withFeature(with_, feat) + optionalString(with_, `=${value}`);
}

/** `lib.mesonOption feature value`. */
export function mesonOption(feature: string, value: string): string {
  return `-D${feature}=${value}`;
}

/** `lib.mesonBool condition flag`. */
export function mesonBool(condition: string, flag: boolean): string {
  return mesonOption(condition, flag ? "true" : "false");
}

/** `lib.mesonEnable feature flag`. */
export function mesonEnable(feature: string, flag: boolean): string {
  return mesonOption(feature, flag ? "enabled" : "disabled");
}

/** `lib.fixedWidthString width filler str`: pad on the left with `filler` up to `width` bytes. */
export function fixedWidthString(width: number, filler: string, str: string): string {
  const strw = stringLength(str);
  const fillw = stringLength(filler);
  let prefix = "";
  // mirrors the recursion `filler + fixedWidthString (width - stringLength filler) filler str`
  for (let w = width; ; w -= fillw) {
    if (strw > w) {
      throwError(
        `fixedWidthString: requested string length (${w}) must not be shorter than actual length (${strw})`,
      );
    }
    if (strw === w) return prefix + str;
    if (fillw === 0) throwError("stack overflow (possible infinite recursion)");
    prefix += filler;
  }
}

/** `lib.fixedWidthNumber width n`. */
export function fixedWidthNumber(width: number, n: number): string {
  return fixedWidthString(width, "0", toString(n));
}

/** `lib.floatToString f`: `toString f`, warning when that loses precision. */
export function floatToString(f: number): string {
  const result = toString(f);
  if (Number(result) !== f) return warn(`Imprecise conversion from float to string ${result}`, result);
  return result;
}

/** `lib.toInt str`: parse a decimal integer (surrounding whitespace allowed, no leading zeros). */
export function toInt(str: string): number {
  const m = /^[ \t\n\v\f\r]*(-?[0-9]+)[ \t\n\v\f\r]*$/.exec(str);
  if (!m) throwError(`toInt: Could not convert ${escapeNixString(str)} to int.`);
  if (/^0[0-9]+$/.test(m[1]!)) {
    throwError(`toInt: Ambiguity in interpretation of ${escapeNixString(str)} between octal and zero padded integer.`);
  }
  return Number(m[1]);
}

/** `lib.toIntBase10 str`: like toInt, zero padding allowed. */
export function toIntBase10(str: string): number {
  const m = /^[ \t\n\v\f\r]*0*(-?[0-9]+)[ \t\n\v\f\r]*$/.exec(str);
  if (!m) throwError(`toIntBase10: Could not convert ${escapeNixString(str)} to int.`);
  if (/^0+$/.test(m[1]!)) return 0;
  if (/^-?0[0-9]/.test(m[1]!)) throwError(`toIntBase10: Could not convert ${escapeNixString(str)} to int.`);
  return Number(m[1]);
}

// ---------------------------------------------------------------------------------------------
// Indented strings

/** An interpolated piece of an indented string (an antiquotation `${...}`). */
export interface Antiquote {
  readonly antiquote: string;
}

/**
 * Nix's `''` string indentation stripping over literal pieces and antiquotations: the smallest
 * indentation (in spaces; a tab is not indentation) of the lines that are not whitespace-only is
 * removed from every line; antiquoted text is never stripped; a whitespace-only last line is dropped
 * (its newline kept). The opening line is dropped when it holds only spaces, as after `''`.
 */
export function stripIndentation(pieces: readonly (string | Antiquote)[]): string {
  const es = pieces.slice();
  // The lexer eats `''` followed by spaces and a newline.
  if (typeof es[0] === "string") {
    const m = /^ *\n/.exec(es[0]);
    if (m) es[0] = es[0].slice(m[0].length);
  }
  if (es.length === 0) return "";
  let atStartOfLine = true;
  let minIndent = 1000000;
  let curIndent = 0;
  for (const e of es) {
    if (typeof e !== "string") {
      if (atStartOfLine) {
        atStartOfLine = false;
        if (curIndent < minIndent) minIndent = curIndent;
      }
      continue;
    }
    for (const c of e) {
      if (atStartOfLine) {
        if (c === " ") curIndent++;
        else if (c === "\n") curIndent = 0;
        else {
          atStartOfLine = false;
          if (curIndent < minIndent) minIndent = curIndent;
        }
      } else if (c === "\n") {
        atStartOfLine = true;
        curIndent = 0;
      }
    }
  }
  let out = "";
  atStartOfLine = true;
  let curDropped = 0;
  es.forEach((e, idx) => {
    if (typeof e !== "string") {
      atStartOfLine = false;
      curDropped = 0;
      out += e.antiquote;
      return;
    }
    let s2 = "";
    for (const c of e) {
      if (atStartOfLine) {
        if (c === " ") {
          if (curDropped++ >= minIndent) s2 += c;
        } else if (c === "\n") {
          curDropped = 0;
          s2 += c;
        } else {
          atStartOfLine = false;
          curDropped = 0;
          s2 += c;
        }
      } else {
        s2 += c;
        if (c === "\n") atStartOfLine = true;
      }
    }
    if (idx === es.length - 1) {
      const p = s2.lastIndexOf("\n");
      if (p !== -1 && /^ *$/.test(s2.slice(p + 1))) s2 = s2.slice(0, p + 1);
    }
    out += s2;
  });
  return out;
}

/** Nix `''` indentation stripping of a whole string (no antiquotations). */
export function indentStrip(s: string): string {
  return stripIndentation([s]);
}

/**
 * Tagged template with Nix `''` string semantics: `nixIndented\`...\`` strips the indentation of the
 * literal text, while interpolated values are coerced like Nix antiquotations and left untouched.
 */
export function nixIndented(strings: TemplateStringsArray, ...values: unknown[]): string {
  const pieces: (string | Antiquote)[] = [];
  strings.forEach((s, i) => {
    pieces.push(s);
    if (i < values.length) pieces.push({ antiquote: coerceToString(values[i]) });
  });
  return stripIndentation(pieces);
}
