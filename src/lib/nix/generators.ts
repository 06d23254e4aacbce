/**
 * `lib.generators` (toPretty, withRecursion, key-value and INI generators) and `showValue`, the
 * way `nix-instantiate --eval --strict` prints a value.
 */
import { compareCodeUnits, isAttrs, isAttrsValue, jsObjectKind } from "../attrs-lazy.js";
import { abort, addErrorContext, throwError } from "../errors.js";
import { force, Lazy } from "../lazy.js";
import { attrNames, hasAttr, isDerivation, mapAttrs, type Attrs } from "./attrsets.js";
import { toJSON } from "./json.js";
import { showNumber } from "./numbers.js";
import { escape, escapeNixIdentifier, floatToString, replaceStrings, toString } from "./strings.js";
import { functionArgs, isFunction } from "./trivial.js";

// ---------------------------------------------------------------------------------------------
// toPretty

/** Options of `toPretty`. */
export interface ToPrettyOptions {
  /** Use `{ __pretty = f; val = x; }` sets' `f(x)` as their rendering. Default false. */
  allowPrettyValues?: boolean;
  /** Break sets and lists over lines. Default true. */
  multiline?: boolean;
  /** Initial indentation. Default "". */
  indent?: string;
}

/**
 * `lib.generators.toPretty opts value`: render a value as (close to) a Nix expression, like the
 * NixOS manual shows defaults: `{ }`, `[ ]`, `''` strings over several lines, `<derivation name>`,
 * `<function>` / `<function, args: {a, b?}>`, attribute names sorted and escaped.
 */
export function toPretty(value: unknown, opts: ToPrettyOptions = {}): string {
  const allowPrettyValues = opts.allowPrettyValues ?? false;
  const multiline = opts.multiline ?? true;
  const go = (indent: string, v0: unknown): string => {
    // (A lazy value, a thunk in a list or an mkIf's condition, is shown by its value.)
    const v = force(v0);
    const introSpace = multiline ? `\n${indent}  ` : " ";
    const outroSpace = multiline ? `\n${indent}` : " ";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : toJSON(v);
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "string") {
      const lines = v.split("\n");
      if (multiline && lines.length > 1) {
        const escaped = lines.map((l) => replaceStrings(["${", "''"], ["''${", "'''"], l));
        const lastLine = escaped[escaped.length - 1]!;
        return (
          "''" +
          introSpace +
          escaped.slice(0, -1).join(introSpace) +
          (lastLine === "" ? outroSpace : introSpace + lastLine) +
          "''"
        );
      }
      return '"' + lines.map((l) => escape(["\\", '"', "${"], l)).join("\\n") + '"';
    }
    if (v === true) return "true";
    if (v === false) return "false";
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) {
      if (v.length === 0) return "[ ]";
      return "[" + introSpace + v.map((x) => go(indent + "  ", x)).join(introSpace) + outroSpace + "]";
    }
    if (isFunction(v)) {
      const fna = functionArgs(v);
      const names = Object.keys(fna).sort(compareCodeUnits);
      if (names.length === 0) return "<function>";
      return `<function, args: {${names.map((n) => (fna[n] ? n + "?" : n)).join(", ")}}>`;
    }
    const kind = isAttrs(v) ? jsObjectKind(v) : undefined;
    if (kind !== undefined) return `<JavaScript ${kind}>`;
    if (isAttrs(v)) {
      if (allowPrettyValues && hasAttr("__pretty", v) && hasAttr("val", v)) {
        return String((v.__pretty as (x: unknown) => unknown)(v.val));
      }
      const names = attrNames(v);
      if (names.length === 0) return "{ }";
      if (isDerivation(v)) return `<derivation ${hasAttr("name", v) ? toString(v.name) : "???"}>`;
      return (
        "{" +
        introSpace +
        names
          .map(
            (name) =>
              `${escapeNixIdentifier(name)} = ${addErrorContext(`while evaluating an attribute \`${name}\``, () =>
                go(indent + "  ", v[name]),
              )};`,
          )
          .join(introSpace) +
        outroSpace +
        "}"
      );
    }
    // (No Nix value: shown as what it is.)
    if (typeof v === "symbol") return `<JavaScript symbol ${String(v)}>`;
    return abort(`generators.toPretty: should never happen (v = ${String(v)})`);
  };
  return go(opts.indent ?? "", value);
}

// ---------------------------------------------------------------------------------------------
// withRecursion

/** Options of `withRecursion`. */
export interface WithRecursionOptions {
  /** Depth from which values are not evaluated (null: unlimited). */
  depthLimit: number | null;
  /** Throw when the limit is exceeded (default), or put "<unevaluated>" there. */
  throwOnDepthLimit?: boolean;
}

const specialAttrs = ["__functor", "__functionArgs", "__toString", "__pretty"];

/**
 * `lib.generators.withRecursion { depthLimit, throwOnDepthLimit }`: a function that walks a value
 * (lazily for sets) and stops at `depthLimit`, throwing or leaving "<unevaluated>" there.
 * `withRecursion(opts)(value)` or `withRecursion(opts, value)`.
 */
export function withRecursion(opts: WithRecursionOptions): (value: unknown) => unknown;
export function withRecursion(opts: WithRecursionOptions, value: unknown): unknown;
export function withRecursion(opts: WithRecursionOptions, ...rest: unknown[]): unknown {
  const { depthLimit } = opts;
  const throwOnDepthLimit = opts.throwOnDepthLimit ?? true;
  if (depthLimit !== null && !Number.isInteger(depthLimit)) {
    throwError("assertion '(builtins.isInt depthLimit)' failed");
  }
  const transform =
    (depth: number) =>
    (x: unknown): unknown => {
      if (depthLimit !== null && depth > depthLimit) {
        if (throwOnDepthLimit) {
          throwError(
            `Exceeded maximum eval-depth limit of ${depthLimit} while trying to evaluate with \`generators.withRecursion'!`,
          );
        }
        return "<unevaluated>";
      }
      return x;
    };
  const mapAny = (depth: number, v0: unknown): unknown => {
    const v = force(v0);
    const evalNext = (x: unknown): unknown => mapAny(depth + 1, transform(depth + 1)(x));
    // (A JavaScript object that is no Nix value, a Map say, is left as it is, for toPretty to name.)
    if (isAttrsValue(v)) {
      return mapAttrs((name, value) => (specialAttrs.includes(name) ? value : evalNext(value)), v);
    }
    if (Array.isArray(v)) {
      // As Nix's `map`, lazily: an entry not evaluated yet (a lazy one, or a getter) is
      // evaluated when printed, so that printing stops at the first entry that fails.
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        const d = Object.getOwnPropertyDescriptor(v, i);
        const x = d?.value;
        out[i] = d?.get !== undefined || x instanceof Lazy ? new Lazy(() => evalNext(v[i])) : evalNext(x);
      }
      return out;
    }
    return transform(depth + 1)(v);
  };
  const run = (value: unknown): unknown => mapAny(0, value);
  return rest.length > 0 ? run(rest[0]) : run;
}

// ---------------------------------------------------------------------------------------------
// Key-value generators

/** `lib.generators.mkValueStringDefault {} v`. */
export function mkValueStringDefault(_opts: Record<string, never> | object, v: unknown): string {
  const err = (t: string, x: unknown): never =>
    abort(`generators.mkValueStringDefault: ${t} not supported: ${toPretty(x)}`);
  if (typeof v === "number" && Number.isInteger(v)) return toString(v);
  if (isDerivation(v)) return toString(v);
  if (typeof v === "string") return v;
  if (v === true) return "true";
  if (v === false) return "false";
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return err("lists", v);
  if (isAttrs(v)) return err("attrsets", v);
  if (isFunction(v)) return err("functions", v);
  if (typeof v === "number") return floatToString(v);
  return err("this value is", toString(v));
}

/** Options of `mkKeyValueDefault`. */
export interface MkKeyValueOptions {
  mkValueString?: (v: unknown) => string;
}

/** `lib.generators.mkKeyValueDefault { mkValueString } sep k v`. */
export function mkKeyValueDefault(opts: MkKeyValueOptions, sep: string, k: string, v: unknown): string {
  const mkValueString = opts.mkValueString ?? ((x: unknown) => mkValueStringDefault({}, x));
  return `${escape([sep], k)}${sep}${mkValueString(v)}`;
}

/** Options of `toKeyValue`. */
export interface ToKeyValueOptions {
  mkKeyValue?: (k: string, v: unknown) => string;
  listsAsDuplicateKeys?: boolean;
}

/** `lib.generators.toKeyValue { mkKeyValue, listsAsDuplicateKeys } attrs`: one `k=v` line per name. */
export function toKeyValue(opts: ToKeyValueOptions, attrs: object): string {
  const mkKeyValue = opts.mkKeyValue ?? ((k: string, v: unknown) => mkKeyValueDefault({}, "=", k, v));
  const mkLine = (k: string, v: unknown): string => mkKeyValue(k, v) + "\n";
  const a = attrs as Attrs;
  return attrNames(a)
    .flatMap((k) => {
      const v = a[k];
      if (opts.listsAsDuplicateKeys) return (Array.isArray(v) ? v : [v]).map((x) => mkLine(k, x));
      return [mkLine(k, v)];
    })
    .join("");
}

/** Options of `toINI`. */
export interface ToINIOptions extends ToKeyValueOptions {
  mkSectionName?: (name: string) => string;
}

/** `lib.generators.toINI opts attrsOfAttrs`. */
export function toINI(opts: ToINIOptions, attrsOfAttrs: object): string {
  const mkSectionName = opts.mkSectionName ?? ((name: string) => escape(["[", "]"], name));
  const kv: ToKeyValueOptions = { listsAsDuplicateKeys: opts.listsAsDuplicateKeys ?? false };
  if (opts.mkKeyValue) kv.mkKeyValue = opts.mkKeyValue;
  const a = attrsOfAttrs as Attrs;
  return attrNames(a)
    .map((name) => `[${mkSectionName(name)}]\n` + toKeyValue(kv, a[name] as object))
    .join("\n");
}

/** `lib.generators.toINIWithGlobalSection opts { globalSection, sections }`. */
export function toINIWithGlobalSection(
  opts: ToINIOptions,
  { globalSection, sections = {} }: { globalSection: object; sections?: object },
): string {
  const kv: ToKeyValueOptions = { listsAsDuplicateKeys: opts.listsAsDuplicateKeys ?? false };
  if (opts.mkKeyValue) kv.mkKeyValue = opts.mkKeyValue;
  const global = Object.keys(globalSection).length === 0 ? "" : toKeyValue(kv, globalSection) + "\n";
  return global + toINI(opts, sections);
}

/** `lib.generators.toJSON {} v` (= builtins.toJSON). */
export function generatorsToJSON(_opts: object, v: unknown): string {
  return toJSON(v);
}

/** `lib.generators.toYAML {} v` (JSON is YAML). */
export const toYAML = generatorsToJSON;

// ---------------------------------------------------------------------------------------------
// showValue

/** A string literal as Nix prints it: `"`, `\`, newline, CR, tab and `${` escaped. */
export function showString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "$" && s[i + 1] === "{") out += "\\$";
    else out += c;
  }
  return out + '"';
}

const varName = /^[a-zA-Z_][a-zA-Z0-9_'-]*$/;

/** An attribute name as Nix prints it: bare if it is an identifier, else a string literal. */
export function showAttrName(name: string): string {
  return varName.test(name) && name !== "if" ? name : showString(name);
}

/**
 * How `nix-instantiate --eval --strict` prints a value: `"str"`, `1`, `1.5`, `true`, `null`,
 * `[ 1 2 ]`, `{ a = 1; b = "x"; }`, `<LAMBDA>`, `[ ]`, `{ }`. Derivations are printed as their
 * attribute sets (as Nix 2.8 does); a set or list met again inside itself prints `«repeated»`.
 */
export function showValue(v: unknown): string {
  const stack = new Set<object>();
  const go = (x: unknown): string => {
    if (x === null || x === undefined) return "null";
    if (typeof x === "number") return showNumber(x);
    if (typeof x === "bigint") return x.toString();
    if (typeof x === "boolean") return x ? "true" : "false";
    if (typeof x === "string") return showString(x);
    if (typeof x === "function") return "<LAMBDA>";
    if (typeof x !== "object") return String(x);
    if (Array.isArray(x)) {
      if (x.length === 0) return "[ ]";
      if (stack.has(x)) return "«repeated»";
      stack.add(x);
      try {
        return "[ " + x.map((el) => go(el) + " ").join("") + "]";
      } finally {
        stack.delete(x);
      }
    }
    const names = Object.keys(x).sort(compareCodeUnits);
    if (names.length === 0) return "{ }";
    if (stack.has(x)) return "«repeated»";
    stack.add(x);
    try {
      return "{ " + names.map((n) => `${showAttrName(n)} = ${go((x as Attrs)[n])}; `).join("") + "}";
    } finally {
      stack.delete(x);
    }
  };
  return go(v);
}
