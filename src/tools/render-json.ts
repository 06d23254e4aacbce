/**
 * Config values as JSON, the way `nix-instantiate --eval --strict --json` prints them:
 * every value deep-forced (getters read, lazy cells forced), attribute names sorted by
 * code unit, packages (attribute sets with an `outPath`) shown as their store path.
 *
 * `toJsonValue` gives the forced value as plain JSON data (objects that inherit nothing,
 * so any attribute name survives, `__proto__` too); `stringifyJson` prints JSON data with sorted keys
 * (JSON.stringify where every object lists its names in that order already, our own printer
 * where not: JSON.stringify would put integer-like keys first).
 */
import { compareCodeUnits, jsObjectKind, nullProto, sortNames } from "../lib/attrs-lazy.js";
import { EvalError } from "../lib/errors.js";
import { force } from "../lib/lazy.js";
import { usedButNotDefined } from "../lib/merge.js";

export type Json = null | boolean | number | string | Json[] | { [name: string]: Json };

export interface ToJsonOptions {
  /** Leave out attributes named `_module` (a submodule's internal arguments), at any depth. */
  dropModule?: boolean;
  /**
   * Called for every attribute set: may return the names to leave out of it. `path` is the
   * attribute path from the root of the value.
   */
  omit?: (attrs: object, path: readonly string[]) => readonly string[];
  /**
   * Leave out every option that nothing defines and that has no default (such as a systemd
   * service's `startLimitBurst`), whose value Nix would fail to print (`used but not
   * defined`), rather than fail: for a snapshot of a whole config tree.
   */
  omitUndefined?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const NOTHING: readonly string[] = [];

/**
 * Deep-force `value` into JSON data, as Nix's toJSON does (strictly). A value nested too
 * deeply for the JavaScript stack is an EvalError naming where it got too deep.
 */
export function toJsonValue(value: unknown, opts: ToJsonOptions = {}, path: readonly string[] = []): Json {
  deepest = path;
  // (A getter forced on the way may convert a value of its own: each call looks at its own value.)
  const outer = converting;
  converting = { value, depth: path.length };
  try {
    return toJson(value, opts, path);
  } catch (e) {
    if (e instanceof RangeError && e.message === "Maximum call stack size exceeded") {
      const shown = deepest.length > 8 ? [...deepest.slice(0, 8), "..."] : deepest;
      throw new EvalError(
        `stack overflow while converting ${shown.length === 0 ? "a value" : `the attribute \`${shown.join(".")}'`} to JSON (the value is nested ${deepest.length} levels deep or more)`,
      );
    }
    throw e;
  } finally {
    converting = outer;
  }
}

/** The path of the innermost value toJson entered (for the stack overflow report). */
let deepest: readonly string[] = [];

/** The value the innermost toJsonValue call converts, and the length of the path it starts at. */
let converting: { value: unknown; depth: number } = { value: undefined, depth: 0 };

/**
 * A JavaScript object can contain itself, which Nix data cannot, and would make a value
 * without end. Every CYCLE_CHECK levels down, the lists and attribute sets on the way there
 * are looked at again (from the value converted, by the names of the path: values already
 * computed) for one met twice: that is an error naming both places, where a value only
 * nested deeply goes on, to the stack's own limit. Nothing is kept for the levels between.
 */
const CYCLE_CHECK = 1000;

/**
 * Entering a list or attribute set at `path`: there, if it is CYCLE_CHECK levels (or a
 * multiple) below the value converted, the error for a cycle, if there is one.
 */
function checkCycle(path: readonly string[]): void {
  const { value, depth } = converting;
  if (path.length === depth || (path.length - depth) % CYCLE_CHECK !== 0) return;
  // The values on the way, by the length of their path.
  const onTheWay: unknown[] = [];
  try {
    let v: unknown = force(value);
    onTheWay.push(v);
    for (let i = depth; i < path.length; i++)
      onTheWay.push((v = force((v as Record<string, unknown>)[path[i]!])));
  } catch {
    // (A getter that fails now, or a value on the way that is no object: no cycle found.)
    return;
  }
  const first = new Map<unknown, number>();
  for (let j = 0; j < onTheWay.length; j++) {
    const at = first.get(onTheWay[j]);
    if (at === undefined) {
      first.set(onTheWay[j], j);
      continue;
    }
    const show = (p: readonly string[]): string => `\`${p.join(".")}'`;
    throw new EvalError(
      `cannot convert a value that contains itself to JSON: ${show(path.slice(0, depth + j))} is ${at === 0 ? "the whole value" : show(path.slice(0, depth + at))} again (a JavaScript object that refers to itself)`,
    );
  }
}

function toJson(value: unknown, opts: ToJsonOptions, path: readonly string[]): Json {
  deepest = path;
  const v = force(value);
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new EvalError(`cannot convert the number ${String(v)} to JSON`);
    return v;
  }
  if (typeof v === "function") throw new EvalError("cannot convert a function to JSON");
  if (v === undefined) throw new EvalError("cannot convert an undefined value to JSON");
  if (Array.isArray(v)) {
    const out = new Array<Json>(v.length);
    checkCycle(path);
    for (let i = 0; i < v.length; i++) out[i] = toJsonChild(v[i], opts, path, String(i));
    return out;
  }
  if (isObject(v)) {
    // Nix: an attribute set with __toString is its string; one with outPath is that path.
    const toStr = Object.prototype.hasOwnProperty.call(v, "__toString") ? force(v.__toString) : undefined;
    if (typeof toStr === "function") {
      const s = force((toStr as (self: unknown) => unknown)(v));
      if (typeof s !== "string") throw new EvalError("__toString must return a string");
      return s;
    }
    if ("outPath" in v) return toJson(v.outPath, opts, childPath(path, "outPath"));
    const omitted = opts.omit ? opts.omit(v, path) : NOTHING;
    // Inherits nothing: assigning `__proto__` makes an own attribute, like any other name.
    const out = nullProto<Json>();
    const names = sortNames(Object.keys(v));
    // A Map, a Date... has no attributes of its own: not printed as an empty set (see jsObjectKind).
    const kind = names.length === 0 ? jsObjectKind(v) : undefined;
    if (kind !== undefined)
      throw new EvalError(`cannot convert a JavaScript ${kind} to JSON (it is no Nix value)`);
    checkCycle(path);
    for (let i = 0; i < names.length; i++) {
      const k = names[i]!;
      if ((omitted.length > 0 && omitted.includes(k)) || (opts.dropModule && k === "_module")) continue;
      if (opts.omitUndefined === true && usedButNotDefined(v, k)) continue;
      out[k] = toJsonChild(v[k], opts, path, k);
    }
    return out;
  }
  throw new EvalError(`cannot convert a value of type ${typeof v} to JSON`);
}

/** An attribute or element: a string, Boolean, null or number as it is, anything else with its path. */
function toJsonChild(value: unknown, opts: ToJsonOptions, path: readonly string[], name: string): Json {
  const v = force(value);
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return toJson(v, opts, childPath(path, name));
}

/** `[...path, name]`, without the iterator a spread makes until V8 has optimized the code. */
function childPath(path: readonly string[], name: string): string[] {
  const out = new Array<string>(path.length + 1);
  for (let i = 0; i < path.length; i++) out[i] = path[i]!;
  out[path.length] = name;
  return out;
}

/**
 * Whether JSON.stringify prints `v` exactly as stringifyJson does: every object lists its
 * names (as Object.keys does, and JSON.stringify) in code-unit order already. toJsonValue
 * adds them in that order; an object whose names are array indexes, which JavaScript lists
 * first and by number ("9" before "10"), may not list them so.
 */
function inPrintOrder(v: Json): boolean {
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!inPrintOrder(v[i]!)) return false;
    return true;
  }
  const names = Object.keys(v);
  for (let i = 0; i < names.length; i++) {
    if (i > 0 && compareCodeUnits(names[i - 1]!, names[i]!) >= 0) return false;
    if (!inPrintOrder(v[names[i]!]!)) return false;
  }
  return true;
}

/**
 * Print JSON data with `indent` spaces per level (0: compact), keys sorted by code unit.
 * Data whose names are in that order already (see inPrintOrder) is printed by JSON.stringify,
 * in about half the time of this printer's own walk, which prints the rest.
 */
export function stringifyJson(v: Json, indent = 2): string {
  const nl = indent > 0 ? "\n" : "";
  const sep = indent > 0 ? ": " : ":";
  const go = (x: Json, depth: number): string => {
    if (x === null || typeof x !== "object") return JSON.stringify(x);
    const pad = " ".repeat(indent * (depth + 1));
    const end = " ".repeat(indent * depth);
    if (Array.isArray(x)) {
      if (x.length === 0) return "[]";
      return `[${nl}${x.map((e) => pad + go(e, depth + 1)).join("," + nl)}${nl}${end}]`;
    }
    const keys = sortNames(Object.keys(x));
    if (keys.length === 0) return "{}";
    return `{${nl}${keys.map((k) => `${pad}${JSON.stringify(k)}${sep}${go(x[k], depth + 1)}`).join("," + nl)}${nl}${end}}`;
  };
  try {
    return inPrintOrder(v) ? JSON.stringify(v, null, indent) : go(v, 0);
  } catch (e) {
    if (e instanceof RangeError && e.message === "Maximum call stack size exceeded") {
      throw new EvalError("stack overflow while printing JSON (the value is nested too deeply)");
    }
    throw e;
  }
}

/** Deep-force `value` and print it as JSON (2-space indent, sorted keys, packages as paths). */
export function renderJson(value: unknown, opts: ToJsonOptions = {}, indent = 2): string {
  return stringifyJson(toJsonValue(value, opts), indent);
}
