/**
 * `lib.trivial` and related builtins (type predicates, trace/warn, comparisons, versions) with Nix
 * semantics.
 */
import { readFileSync } from "node:fs";
import { abort, throwError, throwTypeError } from "../errors.js";
import { activeLibRevision } from "../lib-revision.js";
import { describeType, hasAttr, isAttrs, nixEqualsNested, typeOf, type Attrs } from "./attrsets.js";
import { showValue, toPretty } from "./generators.js";
import { fromJSON } from "./json.js";
import { toString } from "./strings.js";

// ---------------------------------------------------------------------------------------------
// trace

/** Receives what `builtins.trace` prints (without the `trace: ` prefix). */
export type TraceSink = (message: string) => void;

/** The default sink: `trace: MESSAGE` on stderr, like Nix. */
export const stderrTraceSink: TraceSink = (message) => {
  process.stderr.write(`trace: ${message}\n`);
};

let currentSink: TraceSink = stderrTraceSink;

/** Replace the trace sink; returns the previous one. */
export function setTraceSink(sink: TraceSink): TraceSink {
  const prev = currentSink;
  currentSink = sink;
  return prev;
}

/** The current trace sink. */
export function getTraceSink(): TraceSink {
  return currentSink;
}

/** Run `f` collecting the traces it emits (instead of printing them). */
export function captureTraces<T>(f: () => T): { result: T; traces: string[] } {
  const traces: string[] = [];
  const prev = setTraceSink((m) => traces.push(m));
  try {
    return { result: f(), traces };
  } finally {
    setTraceSink(prev);
  }
}

/** `builtins.trace e1 e2`: print `e1` (a string as is, other values as Nix prints them), return `e2`. */
export function trace<T>(e1: unknown, e2: T): T {
  currentSink(typeof e1 === "string" ? e1 : showValue(e1));
  return e2;
}

/** `builtins.traceVal`-like `lib.traceVal x`: trace `x` and return it. */
export function traceVal<T>(x: T): T {
  return trace(x, x);
}

const abortOnWarn = (): boolean => ["1", "true", "yes"].includes(process.env.NIX_ABORT_ON_WARN ?? "");

/**
 * `lib.warn msg v`: trace the warning and return `v`, in the words of the lib in force: the
 * 2023-07 lib's `warning: msg` in bold red, the 2025-06 lib's `evaluation warning: msg`, the
 * prefix in bold purple (in bold red when it aborts). With NIX_ABORT_ON_WARN=1/true/yes,
 * abort after printing, like nixpkgs.
 */
export function warn<T>(msg: string, v: T): T {
  const aborts = abortOnWarn();
  trace(
    activeLibRevision() === "2023-07"
      ? `\u001b[1;31mwarning: ${msg}\u001b[0m`
      : `\u001b[${aborts ? "1;31" : "1;35"}mevaluation warning:\u001b[0m ${msg}`,
    undefined,
  );
  if (aborts) abort("NIX_ABORT_ON_WARN=true; warnings are treated as unrecoverable errors.");
  return v;
}

/**
 * A warning as the lib in force traces it, without its colours: `warning: msg` (2023-07),
 * `evaluation warning: msg` (2025-06). NixOS prints `config.warnings` so (`showWarnings`).
 */
export function warningText(msg: string): string {
  return activeLibRevision() === "2023-07" ? `warning: ${msg}` : `evaluation warning: ${msg}`;
}

/** `lib.warnIf cond msg v`. */
export function warnIf<T>(cond: boolean, msg: string, v: T): T {
  return cond ? warn(msg, v) : v;
}

/** `lib.warnIfNot cond msg v`. */
export function warnIfNot<T>(cond: boolean, msg: string, v: T): T {
  return cond ? v : warn(msg, v);
}

/** `lib.info msg v`: trace "INFO: msg". */
export function info<T>(msg: string, v: T): T {
  return trace(`INFO: ${msg}`, v);
}

/** `lib.showWarnings warnings res`: warn every message (first one first), then return `res`. */
export function showWarnings<T>(warnings: readonly string[], res: T): T {
  for (const w of warnings) warn(w, undefined);
  return res;
}

/** `lib.throwIfNot cond msg v`. */
export function throwIfNot<T>(cond: boolean, msg: string, v: T): T {
  if (!cond) throwError(msg);
  return v;
}

/** `lib.throwIf cond msg v`. */
export function throwIf<T>(cond: boolean, msg: string, v: T): T {
  if (cond) throwError(msg);
  return v;
}

/** `lib.assertMsg pred msg`: true, or throw `msg`. */
export function assertMsg(pred: boolean, msg: string): true {
  if (!pred) throwError(msg);
  return true;
}

/** `lib.assertOneOf name val xs`. */
export function assertOneOf(name: string, val: unknown, xs: readonly unknown[]): true {
  return assertMsg(
    xs.some((x) => nixEqualsNested(val, x)),
    `${name} must be one of ${toPretty(xs)}, but is: ${toPretty(val)}`,
  );
}

/** `lib.checkListOfEnum msg valid given v`. */
export function checkListOfEnum<T>(
  msg: string,
  valid: readonly unknown[],
  given: readonly unknown[],
  v: T,
): T {
  const unexpected = given.filter((g) => !valid.some((x) => nixEqualsNested(g, x)));
  const str = (x: unknown): string => toString(x);
  return throwIfNot(
    unexpected.length === 0,
    `${msg}: ${unexpected.map(str).join(", ")} unexpected; valid ones: ${valid.map(str).join(", ")}`,
    v,
  );
}

// ---------------------------------------------------------------------------------------------
// Basics

/** `lib.id x`. */
export function id<T>(x: T): T {
  return x;
}

/** `lib.const x y` = x. */
export function const_<T>(x: T, _y?: unknown): T {
  return x;
}
export { const_ as const };

/** `lib.pipe val fns`: apply the functions left to right. */
export function pipe(val: unknown, fns: readonly ((x: any) => unknown)[]): unknown {
  return fns.reduce((acc, f) => f(acc), val);
}

/** `lib.concat x y` (lists). */
export function concat<T>(x: readonly T[], y: readonly T[]): T[] {
  return [...x, ...y];
}

/** `lib.or x y`. */
export function or(x: boolean, y: boolean): boolean {
  return x || y;
}

/** `lib.and x y`. */
export function and(x: boolean, y: boolean): boolean {
  return x && y;
}

const toBig = (x: number): bigint => BigInt.asIntN(64, BigInt(x));

/** `builtins.bitAnd` (64-bit). */
export function bitAnd(a: number, b: number): number {
  return Number(BigInt.asIntN(64, toBig(a) & toBig(b)));
}

/** `builtins.bitOr` (64-bit). */
export function bitOr(a: number, b: number): number {
  return Number(BigInt.asIntN(64, toBig(a) | toBig(b)));
}

/** `builtins.bitXor` (64-bit). */
export function bitXor(a: number, b: number): number {
  return Number(BigInt.asIntN(64, toBig(a) ^ toBig(b)));
}

/** `lib.bitNot` = `builtins.sub (-1)`. */
export function bitNot(a: number): number {
  return -1 - a;
}

/** `lib.boolToString b`. */
export function boolToString(b: boolean): string {
  return b ? "true" : "false";
}

/** `lib.flip f a b` = `f b a` (for a function of two arguments). */
export function flip<A, B, R>(f: (b: B, a: A) => R): (a: A, b: B) => R {
  return (a, b) => f(b, a);
}

/** `lib.mapNullable f a`: null stays null. */
export function mapNullable<A, R>(f: (a: A) => R, a: A | null): R | null {
  return a === null ? null : f(a);
}

/** The nixpkgs release this lib corresponds to. */
export const release = "23.11";
/** `lib.trivial.versionSuffix`. */
export const versionSuffix = "pre";
/** `lib.version`. */
export const version = release + versionSuffix;
/** `lib.trivial.codeName`. */
export const codeName = "Tapir";
/** `lib.trivial.oldestSupportedRelease`. */
export const oldestSupportedRelease = 2305;

/** `lib.isInOldestRelease release`. */
export function isInOldestRelease(rel: number): boolean {
  return rel <= oldestSupportedRelease;
}

// ---------------------------------------------------------------------------------------------
// Types

/** `builtins.isInt`. */
export function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** `builtins.isFloat` (an integral float cannot be told apart from an int). */
export function isFloat(v: unknown): v is number {
  return typeof v === "number" && !Number.isInteger(v);
}

/** `builtins.isBool`. */
export function isBool(v: unknown): v is boolean {
  return typeof v === "boolean";
}

/** `builtins.isString`. */
export function isString(v: unknown): v is string {
  return typeof v === "string";
}

/** `builtins.isList`. */
export function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/** `builtins.isNull`. */
export function isNull(v: unknown): v is null {
  return v === null || v === undefined;
}

/** `builtins.isPath`: paths are strings in this port, so always false. */
export function isPath(_v: unknown): false {
  return false;
}

/** `lib.isFunction f`: a function, or a set with a `__functor` returning a function. */
export function isFunction(f: unknown): boolean {
  if (typeof f === "function") return true;
  if (hasAttr("__functor", f)) {
    const functor = (f as Attrs).__functor;
    return typeof functor === "function" && isFunction((functor as (s: unknown) => unknown)(f));
  }
  return false;
}

/** Call a Nix function value (a function or a functor set) with one argument. */
export function callFunction(f: unknown, arg: unknown): unknown {
  if (typeof f === "function") return (f as (a: unknown) => unknown)(arg);
  if (hasAttr("__functor", f)) return callFunction(callFunction((f as Attrs).__functor, f), arg);
  return throwError(`attempt to call something which is not a function but ${describeType(f)}`);
}

/** `lib.toFunction v`: a function as is, anything else as a constant function. */
export function toFunction(v: unknown): (x: unknown) => unknown {
  if (typeof v === "function") return v as (x: unknown) => unknown;
  if (isFunction(v)) return (x) => callFunction(v, x);
  return () => v;
}

/** Formal arguments of a function: name -> whether it has a default. */
export type FunctionArgs = Record<string, boolean>;

/** `lib.setFunctionArgs f args`: `f` (callable) annotated with `__functionArgs`. */
export function setFunctionArgs<F extends (...a: any[]) => unknown>(f: F, args: FunctionArgs): F {
  const g = ((...a: unknown[]) => f(...a)) as F;
  Object.defineProperty(g, "__functionArgs", { value: args, enumerable: false, configurable: true });
  return g;
}

/**
 * `lib.functionArgs f` / `builtins.functionArgs`: for a function taking a destructured object
 * (`({ config, lib, pkgs ? x, ... }) => ...` in TS: `({ config, lib, pkgs = x, ...rest }) => ...`) the
 * destructured names, true for those with a default; `{}` otherwise. `setFunctionArgs` annotations
 * and functor sets are honoured.
 */
export function functionArgs(f: unknown): FunctionArgs {
  if (isAttrs(f) && hasAttr("__functor", f)) {
    if (hasAttr("__functionArgs", f)) return f.__functionArgs as FunctionArgs;
    return functionArgs(callFunction(f.__functor, f));
  }
  if (typeof f !== "function") return throwError(`'functionArgs' requires a function`);
  const annotated = (f as { __functionArgs?: FunctionArgs }).__functionArgs;
  if (annotated && typeof annotated === "object") return annotated;
  return parseFunctionArgs(f);
}

const argsCache = new WeakMap<object, FunctionArgs>();

function parseFunctionArgs(f: object): FunctionArgs {
  const cached = argsCache.get(f);
  if (cached) return cached;
  const result: FunctionArgs = Object.create(null) as FunctionArgs;
  const src = Function.prototype.toString.call(f);
  // find the start of the parameter list
  let i = 0;
  const skipWs = (): void => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src.startsWith("//", i)) {
        while (i < src.length && src[i] !== "\n") i++;
      } else if (src.startsWith("/*", i)) {
        const e = src.indexOf("*/", i + 2);
        i = e === -1 ? src.length : e + 2;
      } else return;
    }
  };
  skipWs();
  if (src.startsWith("async", i)) {
    i += 5;
    skipWs();
  }
  if (src.startsWith("function", i)) {
    const p = src.indexOf("(", i);
    if (p === -1) return result;
    i = p + 1;
  } else if (src[i] === "(") {
    i++;
  } else {
    // `x => ...` or a method `name(...) {}`
    const p = src.indexOf("(", i);
    const arrow = src.indexOf("=>", i);
    if (p === -1 || (arrow !== -1 && arrow < p)) return result;
    i = p + 1;
  }
  skipWs();
  if (src[i] !== "{") {
    argsCache.set(f, result);
    return result;
  }
  i++;
  // split the top-level entries of the destructuring pattern
  const entries: string[] = [];
  let depth = 0;
  let start = i;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === "\\") i++;
    } else if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "}") {
      if (depth === 0) {
        entries.push(src.slice(start, i));
        break;
      }
      depth--;
    } else if (c === "," && depth === 0) {
      entries.push(src.slice(start, i));
      start = i + 1;
    }
  }
  for (const raw of entries) {
    const e = raw
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/[^\n]*/g, "")
      .trim();
    if (e === "" || e.startsWith("...")) continue;
    const m = /^(?:([A-Za-z_$][\w$]*)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*([:=])?/.exec(e);
    if (!m) continue;
    const name = m[1] ?? m[2] ?? m[3]!;
    let hasDefault = m[4] === "=";
    if (m[4] === ":") {
      // `name: pattern = default`: look for a top-level `=` after the alias
      let d = 0;
      for (let k = m[0].length; k < e.length; k++) {
        const c = e[k]!;
        if (c === "{" || c === "[" || c === "(") d++;
        else if (c === "}" || c === "]" || c === ")") d--;
        else if (c === "=" && d === 0 && e[k + 1] !== ">") {
          hasDefault = true;
          break;
        }
      }
    }
    Object.defineProperty(result, name, {
      value: hasDefault,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  argsCache.set(f, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Numbers and comparison

/** Nix `<`: numbers, strings (byte order), and lists (lexicographically). */
export function lessThan(a: unknown, b: unknown): boolean {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if ((ta === "int" || ta === "float") && (tb === "int" || tb === "float"))
    return (a as number) < (b as number);
  if (ta === "string" && tb === "string") return (a as string) < (b as string);
  if (ta === "list" && tb === "list") {
    const la = a as unknown[];
    const lb = b as unknown[];
    for (let i = 0; ; i++) {
      if (i === lb.length) return false;
      if (i === la.length) return true;
      if (!nixEqualsNested(la[i], lb[i])) return lessThan(la[i], lb[i]);
    }
  }
  return throwTypeError(`cannot compare ${describeType(a)} with ${describeType(b)}`);
}

/** `lib.min x y`. */
export function min<T>(x: T, y: T): T {
  return lessThan(x, y) ? x : y;
}

/** `lib.max x y`. */
export function max<T>(x: T, y: T): T {
  return lessThan(y, x) ? x : y;
}

/** `builtins.div` on integers (truncating). */
export function div(a: number, b: number): number {
  if (b === 0) throwError("division by zero");
  if (Number.isInteger(a) && Number.isInteger(b)) return Math.trunc(a / b);
  return a / b;
}

/** `lib.mod base int` = `base - int * (base / int)`. */
export function mod(base: number, int: number): number {
  return base - int * div(base, int);
}

/** `lib.compare a b`: -1, 0 or 1. */
export function compare(a: unknown, b: unknown): -1 | 0 | 1 {
  if (lessThan(a, b)) return -1;
  if (lessThan(b, a)) return 1;
  return 0;
}

/** `lib.splitByAndCompare p yes no a b`. */
export function splitByAndCompare<T>(
  p: (x: T) => boolean,
  yes: (a: T, b: T) => number,
  no: (a: T, b: T) => number,
  a: T,
  b: T,
): number {
  if (p(a)) return p(b) ? yes(a, b) : -1;
  return p(b) ? 1 : no(a, b);
}

/** `lib.toHexString i`: uppercase hexadecimal. */
export function toHexString(i: number): string {
  return toBaseDigits(16, i)
    .map((d) => "0123456789ABCDEF"[d]!)
    .join("");
}

/** `lib.toBaseDigits base i`: the digits of `i` in `base`, most significant first. */
export function toBaseDigits(base: number, i: number): number[] {
  if (!Number.isInteger(base) || base < 2) throwError("base must be at least 2");
  if (i < base) return [i];
  const out: number[] = [];
  let n = i;
  while (n >= base) {
    out.unshift(mod(n, base));
    n = div(n, base);
  }
  out.unshift(n);
  return out;
}

/** `lib.importJSON path`. */
export function importJSON(path: string): unknown {
  return fromJSON(readFileSync(path, "utf8"));
}

// ---------------------------------------------------------------------------------------------
// Versions

const isDigit = (c: string): boolean => c >= "0" && c <= "9";

/** The components of a version string, as Nix's `nextComponent` splits them: runs of digits, or
 * runs of other characters; `.` and `-` separate. */
function* versionComponents(v: string): Generator<string> {
  let p = 0;
  while (p < v.length) {
    while (p < v.length && (v[p] === "." || v[p] === "-")) p++;
    if (p >= v.length) return;
    const s = p;
    if (isDigit(v[p]!)) while (p < v.length && isDigit(v[p]!)) p++;
    else while (p < v.length && !isDigit(v[p]!) && v[p] !== "." && v[p] !== "-") p++;
    yield v.slice(s, p);
  }
}

/** `builtins.splitVersion v` (separators only, like a trailing ".", give no component). */
export function splitVersion(v: string): string[] {
  return [...versionComponents(v)];
}

const INT_MAX = 2147483647;

/** A component as a C `int`, or undefined (non-digits or overflow), like Nix's string2Int<int>. */
function componentInt(c: string): number | undefined {
  if (c === "" || !/^[0-9]+$/.test(c)) return undefined;
  const n = Number(c);
  return n <= INT_MAX ? n : undefined;
}

function componentsLT(c1: string, c2: string): boolean {
  const n1 = componentInt(c1);
  const n2 = componentInt(c2);
  if (n1 !== undefined && n2 !== undefined) return n1 < n2;
  if (c1 === "" && n2 !== undefined) return true;
  if (c1 === "pre" && c2 !== "pre") return true;
  if (c2 === "pre") return false;
  // "2.3a" < "2.3.1"
  if (n2 !== undefined) return true;
  if (n1 !== undefined) return false;
  return c1 < c2;
}

/** `builtins.compareVersions v1 v2`: -1, 0 or 1, with Nix's component rules ("pre" sorts first,
 * numbers above words, a missing component below a number). */
export function compareVersions(v1: string, v2: string): -1 | 0 | 1 {
  let p1 = 0;
  let p2 = 0;
  const next = (v: string, p: number): [string, number] => {
    while (p < v.length && (v[p] === "." || v[p] === "-")) p++;
    if (p >= v.length) return ["", p];
    const s = p;
    if (isDigit(v[p]!)) while (p < v.length && isDigit(v[p]!)) p++;
    else while (p < v.length && !isDigit(v[p]!) && v[p] !== "." && v[p] !== "-") p++;
    return [v.slice(s, p), p];
  };
  while (p1 < v1.length || p2 < v2.length) {
    const [c1, n1] = next(v1, p1);
    const [c2, n2] = next(v2, p2);
    p1 = n1;
    p2 = n2;
    if (componentsLT(c1, c2)) return -1;
    if (componentsLT(c2, c1)) return 1;
  }
  return 0;
}

/** `lib.versionOlder v1 v2`: v1 < v2. */
export function versionOlder(v1: string, v2: string): boolean {
  return compareVersions(v2, v1) === 1;
}

/** `lib.versionAtLeast v1 v2`: v1 >= v2. */
export function versionAtLeast(v1: string, v2: string): boolean {
  return !versionOlder(v1, v2);
}
