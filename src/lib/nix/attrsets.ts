/**
 * Attribute-set builtins and nixpkgs `lib.attrsets` functions with Nix semantics.
 *
 * Attribute sets are plain objects; an attribute defined by a getter is an unevaluated value.
 * Functions here keep such attributes lazy where Nix does (mapAttrs, genAttrs, `//`, zipAttrsWith,
 * recursiveUpdate, listToAttrs values): results are objects that inherit nothing (nullProto) whose attributes are
 * memoized getters. Attribute order is code-unit order of names, as in Nix.
 */
import {
  compareCodeUnits,
  defineLazy,
  entriesLazy,
  isAttrs,
  nullProto,
  nullProtoFor,
  sortedNames,
  sortNames,
} from "../attrs-lazy.js";
import { abort, throwError, throwTypeError } from "../errors.js";
import { escapeNixIdentifier } from "./strings.js";

export { isAttrs };

/** A Nix attribute set as seen from TypeScript. */
export type Attrs = Record<string, unknown>;

/** A derivation (package): an attribute set with `type = "derivation"`. */
export interface Derivation {
  type: "derivation";
  name: string;
  outPath: string;
  [attr: string]: unknown;
}

const propIsEnumerable = Object.prototype.propertyIsEnumerable;

/** `set ? name`: whether `name` is an own enumerable attribute of `set` (never the prototype). */
export function hasAttr(name: string, set: unknown): boolean {
  return isAttrs(set) && propIsEnumerable.call(set, name);
}

/** `builtins.getAttr name set` (`set.${name}`), with Nix's error when it is missing. */
export function getAttr(name: string, set: unknown): unknown {
  if (!isAttrs(set)) throwTypeError(`value is ${describeType(set)} while a set was expected`);
  if (!propIsEnumerable.call(set, name)) throwTypeError(`attribute '${name}' missing`);
  return set[name];
}

/** `set.${name} or dflt`. */
export function getAttrOr(name: string, dflt: unknown, set: unknown): unknown {
  return hasAttr(name, set) ? (set as Attrs)[name] : dflt;
}

/** Define `name` as an own enumerable data property (safe for "__proto__"). */
export function setOwn(obj: object, name: string, value: unknown): void {
  Object.defineProperty(obj, name, { value, enumerable: true, configurable: true, writable: true });
}

/** Copy the attribute `name` of `src` onto `dst`, keeping a getter lazy (memoized). */
function copyAttr(dst: object, name: string, thunk: () => unknown): void {
  defineLazy(dst, name, thunk);
}

/** The entries of `set` as memoized thunks, sorted by name (code unit). */
function sortedEntries(set: object): [string, () => unknown][] {
  return entriesLazy(set, sortedNames(set));
}

// ---------------------------------------------------------------------------------------------
// Types and equality

/** The Nix type name of a value, as `builtins.typeOf` gives it ("int", "float", "bool", "string",
 * "null", "set", "list", "lambda"). Paths are strings in this port, so "path" never occurs. */
export function typeOf(v: unknown): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "function":
      return "lambda";
    // (No Nix value: named as what it is, not taken for a set.)
    case "symbol":
      return "symbol";
    default:
      return Array.isArray(v) ? "list" : "set";
  }
}

/** How Nix names a value's type in errors: "a string", "an integer", "a set", ... */
export function describeType(v: unknown): string {
  switch (typeOf(v)) {
    case "int":
      return "an integer";
    case "float":
      return "a float";
    case "bool":
      return "a Boolean";
    case "string":
      return "a string";
    case "null":
      return "null";
    case "list":
      return "a list";
    case "lambda":
      return "a function";
    case "symbol":
      return "a JavaScript symbol";
    default:
      return "a set";
  }
}

/** `lib.isDerivation`: `value.type or null == "derivation"`. */
export function isDerivation(v: unknown): v is Derivation {
  return hasAttr("type", v) && (v as Attrs).type === "derivation";
}

function eqValues(a: unknown, b: unknown, nested: boolean): boolean {
  // Inside lists and sets Nix compares the very same value as equal (even a function).
  if (nested && a === b) return true;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if ((ta === "int" || ta === "float") && (tb === "int" || tb === "float")) return Number(a) === Number(b);
  if (ta !== tb) return false;
  switch (ta) {
    case "null":
      return true;
    case "bool":
    case "string":
      return a === b;
    case "lambda":
      return false;
    case "list": {
      const la = a as unknown[];
      const lb = b as unknown[];
      if (la.length !== lb.length) return false;
      for (let i = 0; i < la.length; i++) if (!eqValues(la[i], lb[i], true)) return false;
      return true;
    }
    default: {
      if (a === b) return true;
      const sa = a as Attrs;
      const sb = b as Attrs;
      if (isDerivation(sa) && isDerivation(sb) && hasAttr("outPath", sa) && hasAttr("outPath", sb)) {
        return eqValues(sa.outPath, sb.outPath, true);
      }
      const na = Object.keys(sa);
      const nb = Object.keys(sb);
      if (na.length !== nb.length) return false;
      na.sort(compareCodeUnits);
      nb.sort(compareCodeUnits);
      for (let i = 0; i < na.length; i++) if (na[i] !== nb[i]) return false;
      for (const n of na) if (!eqValues(sa[n], sb[n], true)) return false;
      return true;
    }
  }
}

/** Nix `==`: deep structural equality; int 1 == float 1.0; derivations compare by outPath;
 * functions are never equal (except the very same function inside a list or set, like Nix). */
export function nixEquals(a: unknown, b: unknown): boolean {
  return eqValues(a, b, false);
}

/** Equality as used by `builtins.elem` (the same value counts as equal, as in Nix). */
export function nixEqualsNested(a: unknown, b: unknown): boolean {
  return eqValues(a, b, true);
}

// ---------------------------------------------------------------------------------------------
// Builtins

function expectAttrs(v: unknown, what: string): Attrs {
  if (!isAttrs(v)) throwTypeError(`${what}: value is ${describeType(v)} while a set was expected`);
  return v;
}

/** `builtins.attrNames`: names sorted by code unit. */
export function attrNames(set: object): string[] {
  return sortNames(Object.keys(expectAttrs(set, "attrNames")));
}

/** `builtins.attrValues`: values in name order. */
export function attrValues(set: object): unknown[] {
  const s = expectAttrs(set, "attrValues");
  return attrNames(s).map((n) => s[n]);
}

/** `builtins.mapAttrs f set`, lazily: `f(name, value)` runs when the attribute is first read. */
export function mapAttrs<R = unknown>(f: (name: string, value: any) => R, set: object): Record<string, R> {
  const entries = sortedEntries(expectAttrs(set, "mapAttrs"));
  const out = nullProtoFor<R>(entries.length);
  for (const [name, thunk] of entries) {
    defineLazy(out, name, () => f(name, thunk()));
  }
  return out;
}

/** `lib.nameValuePair`. */
export function nameValuePair<V>(name: string, value: V): { name: string; value: V } {
  const out = nullProto() as { name: string; value: V };
  setOwn(out, "name", name);
  setOwn(out, "value", value);
  return out;
}

/** `builtins.listToAttrs`: the first occurrence of a name wins; values stay lazy. */
export function listToAttrs<V = unknown>(list: readonly unknown[]): Record<string, V> {
  const out = nullProtoFor<V>(list.length);
  for (const el of list) {
    const e = expectAttrs(el, "listToAttrs");
    if (!hasAttr("name", e)) throwTypeError("attribute 'name' missing");
    const name = e.name;
    if (typeof name !== "string") throwTypeError(`value is ${describeType(name)} while a string was expected`);
    if (propIsEnumerable.call(out, name)) continue;
    const d = Object.getOwnPropertyDescriptor(e, "value");
    if (!d || !d.enumerable) throwTypeError("attribute 'value' missing");
    if (d.get) {
      const get = d.get;
      defineLazy(out, name, () => get.call(e));
    } else setOwn(out, name, d.value);
  }
  return out;
}

/** `builtins.removeAttrs set names`. */
export function removeAttrs<T extends object>(set: T, names: readonly string[]): Attrs {
  const drop = new Set(names);
  const out = nullProto();
  for (const [name, thunk] of entriesLazy(expectAttrs(set, "removeAttrs"))) {
    if (!drop.has(name)) copyAttr(out, name, thunk);
  }
  return out;
}

/** `builtins.intersectAttrs e1 e2`: the attributes of `e2` whose names occur in `e1`. */
export function intersectAttrs(e1: object, e2: object): Attrs {
  const s1 = expectAttrs(e1, "intersectAttrs");
  const out = nullProto();
  for (const [name, thunk] of entriesLazy(expectAttrs(e2, "intersectAttrs"))) {
    if (propIsEnumerable.call(s1, name)) copyAttr(out, name, thunk);
  }
  return out;
}

/** `builtins.catAttrs name list`. */
export function catAttrs(name: string, list: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const s of list) {
    expectAttrs(s, "catAttrs");
    if (hasAttr(name, s)) out.push((s as Attrs)[name]);
  }
  return out;
}

/** The `//` operator: attributes of `b` win; getters stay lazy; the result has no prototype. */
export function update(a: object, b: object): Attrs {
  const out = nullProto();
  for (const [name, thunk] of entriesLazy(expectAttrs(a, "//"))) copyAttr(out, name, thunk);
  for (const [name, thunk] of entriesLazy(expectAttrs(b, "//"))) copyAttr(out, name, thunk);
  return out;
}

/** `lib.mergeAttrs x y` = `x // y`. */
export const mergeAttrs = update;

/** `builtins.zipAttrsWith f sets`: `f(name, values)` for every name, lazily per attribute. */
export function zipAttrsWith<R = unknown>(
  f: (name: string, values: unknown[]) => R,
  sets: readonly unknown[],
): Record<string, R> {
  const names = new Set<string>();
  for (const s of sets) for (const n of Object.keys(expectAttrs(s, "zipAttrsWith"))) names.add(n);
  const out = nullProto<R>();
  for (const name of [...names].sort(compareCodeUnits)) {
    defineLazy(out, name, () => f(name, catAttrs(name, sets)));
  }
  return out;
}

/** `lib.zipAttrsWithNames names f sets`. */
export function zipAttrsWithNames<R = unknown>(
  names: readonly string[],
  f: (name: string, values: unknown[]) => R,
  sets: readonly unknown[],
): Record<string, R> {
  return listToAttrs(
    names.map((name) => {
      const pair = nullProto();
      setOwn(pair, "name", name);
      defineLazy(pair, "value", () => f(name, catAttrs(name, sets)));
      return pair;
    }),
  );
}

/** `lib.zipAttrs sets`: every name to the list of its values. */
export function zipAttrs(sets: readonly unknown[]): Record<string, unknown[]> {
  return zipAttrsWith((_n, values) => values, sets);
}

/** `builtins.functionArgs`-free `lib.genAttrs names f`, values lazy. */
export function genAttrs<R = unknown>(names: readonly string[], f: (name: string) => R): Record<string, R> {
  const out = nullProtoFor<R>(names.length);
  for (const name of names) {
    if (typeof name !== "string") throwTypeError(`value is ${describeType(name)} while a string was expected`);
    if (!propIsEnumerable.call(out, name)) defineLazy(out, name, () => f(name));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// lib.attrsets

/** `lib.attrByPath path default set`. */
export function attrByPath(path: readonly string[], dflt: unknown, set: unknown): unknown {
  let cur = set;
  for (const attr of path) {
    if (!hasAttr(attr, cur)) return dflt;
    cur = (cur as Attrs)[attr];
  }
  return cur;
}

/** `lib.hasAttrByPath path set`. */
export function hasAttrByPath(path: readonly string[], set: unknown): boolean {
  let cur = set;
  for (const attr of path) {
    if (!hasAttr(attr, cur)) return false;
    cur = (cur as Attrs)[attr];
  }
  return true;
}

/** `lib.setAttrByPath path value`: nested sets leading to `value`. */
export function setAttrByPath(path: readonly string[], value: unknown): unknown {
  let cur = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const o = nullProto();
    setOwn(o, path[i]!, cur);
    cur = o;
  }
  return cur;
}

/** `lib.getAttrFromPath path set`; aborts with "cannot find attribute `a.b'" like Nix. */
export function getAttrFromPath(path: readonly string[], set: unknown): unknown {
  const missing = {};
  const r = attrByPath(path, missing, set);
  if (r === missing) abort("cannot find attribute `" + path.join(".") + "'");
  return r;
}

/** `lib.attrVals names set`. */
export function attrVals(names: readonly string[], set: object): unknown[] {
  return names.map((n) => getAttr(n, set));
}

/** `lib.getAttrs names set`. */
export function getAttrs(names: readonly string[], set: object): Attrs {
  return genAttrs(names, (n) => getAttr(n, set));
}

/** `lib.filterAttrs pred set` with `pred(name, value)`. A predicate declared with one
 * parameter (`(name) => ...`) filters on names only and leaves the values unevaluated, as Nix does. */
export function filterAttrs(pred: (name: string, value: any) => boolean, set: object): Attrs {
  const out = nullProto();
  const onNames = pred.length === 1;
  for (const [name, thunk] of sortedEntries(expectAttrs(set, "filterAttrs"))) {
    if (onNames ? (pred as (name: string) => boolean)(name) : pred(name, thunk())) copyAttr(out, name, thunk);
  }
  return out;
}

/** `lib.filterAttrsRecursive pred set`. */
export function filterAttrsRecursive(pred: (name: string, value: any) => boolean, set: object): Attrs {
  const out = nullProto();
  for (const [name, thunk] of sortedEntries(expectAttrs(set, "filterAttrsRecursive"))) {
    const v = thunk();
    if (pred(name, v)) setOwn(out, name, isAttrs(v) ? filterAttrsRecursive(pred, v) : v);
  }
  return out;
}

/** `lib.foldlAttrs f init set` with `f(acc, name, value)`. */
export function foldlAttrs<A>(f: (acc: A, name: string, value: any) => A, init: A, set: object): A {
  const s = expectAttrs(set, "foldlAttrs");
  let acc = init;
  for (const n of attrNames(s)) acc = f(acc, n, s[n]);
  return acc;
}

/** `lib.foldAttrs op nul listOfAttrs` with `op(value, acc)`. */
export function foldAttrs<A>(
  op: (value: any, acc: A) => A,
  nul: A,
  listOfAttrs: readonly object[],
): Record<string, A> {
  const acc = nullProto<A>();
  for (let i = listOfAttrs.length - 1; i >= 0; i--) {
    const n = expectAttrs(listOfAttrs[i], "foldAttrs");
    for (const name of attrNames(n)) {
      setOwn(acc, name, op(n[name], propIsEnumerable.call(acc, name) ? acc[name]! : nul));
    }
  }
  return acc;
}

/** `lib.collect pred attrs`: values (recursively) satisfying `pred`, in name order. */
export function collect(pred: (v: any) => boolean, attrs: unknown): unknown[] {
  if (pred(attrs)) return [attrs];
  if (isAttrs(attrs)) return attrValues(attrs).flatMap((v) => collect(pred, v));
  return [];
}

/** `lib.cartesianProductOfSets`. */
export function cartesianProductOfSets(attrsOfLists: object): Attrs[] {
  const s = expectAttrs(attrsOfLists, "cartesianProductOfSets");
  let acc: Attrs[] = [nullProto()];
  for (const name of attrNames(s)) {
    const values = s[name] as unknown[];
    acc = acc.flatMap((attrs) =>
      values.map((v) => {
        const o = update(attrs, nullProto());
        setOwn(o, name, v);
        return o;
      }),
    );
  }
  return acc;
}

/** `lib.mapAttrs' f set` where `f(name, value)` returns a nameValuePair. */
export function mapAttrsPrime(
  f: (name: string, value: any) => { name: string; value: unknown },
  set: object,
): Attrs {
  const s = expectAttrs(set, "mapAttrs'");
  return listToAttrs(attrNames(s).map((n) => f(n, s[n])));
}

/** `lib.mapAttrsToList f set` in name order. */
export function mapAttrsToList<R>(f: (name: string, value: any) => R, set: object): R[] {
  const s = expectAttrs(set, "mapAttrsToList");
  return attrNames(s).map((n) => f(n, s[n]));
}

/** `lib.concatMapAttrs f set`: merge the sets `f(name, value)` returns (later names win). */
export function concatMapAttrs(f: (name: string, value: any) => object, set: object): Attrs {
  let acc: Attrs = nullProto();
  for (const v of attrValues(mapAttrs(f, set))) acc = update(acc, v as object);
  return acc;
}

/** `lib.mapAttrsRecursiveCond cond f set`, with `f(path, value)`; lazy like mapAttrs. */
export function mapAttrsRecursiveCond(
  cond: (as: Attrs) => boolean,
  f: (path: string[], value: any) => unknown,
  set: object,
): Attrs {
  const recurse = (path: string[], s: object): Attrs =>
    mapAttrs((name, value) => {
      const here = [...path, name];
      return isAttrs(value) && cond(value) ? recurse(here, value) : f(here, value);
    }, s);
  return recurse([], set);
}

/** `lib.mapAttrsRecursive f set`, with `f(path, value)`. */
export function mapAttrsRecursive(f: (path: string[], value: any) => unknown, set: object): Attrs {
  return mapAttrsRecursiveCond(() => true, f, set);
}

/** `lib.optionalAttrs cond as`. */
export function optionalAttrs<T extends object>(cond: boolean, as: T): T | Attrs {
  return cond ? as : nullProto();
}

/** `lib.recursiveUpdateUntil pred lhs rhs`, `pred(path, lhsValue, rhsValue)` stops the recursion. */
export function recursiveUpdateUntil(
  pred: (path: string[], lhs: any, rhs: any) => boolean,
  lhs: object,
  rhs: object,
): Attrs {
  const go = (path: string[], l: object, r: object): Attrs => {
    const ls = expectAttrs(l, "recursiveUpdate");
    const rs = expectAttrs(r, "recursiveUpdate");
    const out = nullProto();
    const lEntries = new Map(entriesLazy(ls));
    const rEntries = new Map(entriesLazy(rs));
    const names = [...new Set([...lEntries.keys(), ...rEntries.keys()])].sort(compareCodeUnits);
    for (const name of names) {
      const lt = lEntries.get(name);
      const rt = rEntries.get(name);
      if (!lt) copyAttr(out, name, rt!);
      else if (!rt) copyAttr(out, name, lt);
      else {
        defineLazy(out, name, () => {
          const here = [...path, name];
          const lv = lt();
          const rv = rt();
          return pred(here, lv, rv) ? rv : go(here, lv as object, rv as object);
        });
      }
    }
    return out;
  };
  return go([], lhs, rhs);
}

/** `lib.recursiveUpdate lhs rhs`: merge nested sets, `rhs` wins where either side is not a set. */
export function recursiveUpdate(lhs: object, rhs: object): Attrs {
  return recursiveUpdateUntil((_p, l, r) => !(isAttrs(l) && isAttrs(r)), lhs, rhs);
}

/** `lib.matchAttrs pattern attrs`. */
export function matchAttrs(pattern: object, attrs: unknown): boolean {
  const p = expectAttrs(pattern, "matchAttrs");
  return attrNames(p).every((n) => {
    if (!hasAttr(n, attrs)) return false;
    const pat = p[n];
    const val = (attrs as Attrs)[n];
    return isAttrs(pat) ? isAttrs(val) && matchAttrs(pat, val) : nixEquals(pat, val);
  });
}

/** `lib.overrideExisting old new`: the attributes of `old`, taken from `new` where it has them. */
export function overrideExisting(old: object, neu: object): Attrs {
  return mapAttrs((name, value) => (hasAttr(name, neu) ? (neu as Attrs)[name] : value), old);
}

/** `lib.showAttrPath`: `a.b."c d"`, or "<root attribute path>". */
export function showAttrPath(path: readonly string[]): string {
  if (path.length === 0) return "<root attribute path>";
  return path.map(escapeNixIdentifier).join(".");
}

/** `lib.getOutput output pkg`: `pkg.${output} or pkg.out or pkg` unless an output was chosen. */
export function getOutput(output: string, pkg: unknown): unknown {
  if (hasAttr("outputSpecified", pkg) && (pkg as Attrs).outputSpecified) return pkg;
  if (hasAttr(output, pkg)) return (pkg as Attrs)[output];
  if (hasAttr("out", pkg)) return (pkg as Attrs).out;
  return pkg;
}

export const getBin = (pkg: unknown): unknown => getOutput("bin", pkg);
export const getLib = (pkg: unknown): unknown => getOutput("lib", pkg);
export const getDev = (pkg: unknown): unknown => getOutput("dev", pkg);
export const getMan = (pkg: unknown): unknown => getOutput("man", pkg);

/** `lib.chooseDevOutputs drvs`. */
export function chooseDevOutputs(drvs: readonly unknown[]): unknown[] {
  return drvs.map(getDev);
}

/** `lib.recurseIntoAttrs`. */
export function recurseIntoAttrs(attrs: object): Attrs {
  const o = update(attrs, nullProto());
  setOwn(o, "recurseForDerivations", true);
  return o;
}

/** `lib.dontRecurseIntoAttrs`. */
export function dontRecurseIntoAttrs(attrs: object): Attrs {
  const o = update(attrs, nullProto());
  setOwn(o, "recurseForDerivations", false);
  return o;
}

/** `lib.unionOfDisjoint x y`: `x // y`, where a name in both throws when read. */
export function unionOfDisjoint(x: object, y: object): Attrs {
  const inter = attrNames(intersectAttrs(x, y));
  const out = update(x, y);
  const collisions = inter.join(" ");
  for (const name of inter) {
    defineLazy(out, name, () =>
      throwError(`unionOfDisjoint: collision on ${name}; complete list: ${collisions}`),
    );
  }
  return out;
}

/** `lib.updateManyAttrsByPath updates value` with updates `{ path, update }`. */
export function updateManyAttrsByPath(
  updates: readonly { path: readonly string[]; update: (old: any) => unknown }[],
  value: unknown,
): unknown {
  const show = showAttrPath;
  const go = (
    prefixLength: number,
    hasValue: boolean,
    val: unknown,
    ups: readonly { path: readonly string[]; update: (old: any) => unknown }[],
  ): unknown => {
    const right = ups.filter((u) => u.path.length === prefixLength);
    const wrong = ups.filter((u) => u.path.length !== prefixLength);
    const nested = new Map<string, typeof wrong>();
    for (const u of wrong) {
      const k = u.path[prefixLength]!;
      const l = nested.get(k);
      if (l) l.push(u);
      else nested.set(k, [u]);
    }
    const nestedMods = (f: (name: string, us: typeof wrong) => unknown): Attrs => {
      const o = nullProto();
      for (const name of [...nested.keys()].sort(compareCodeUnits))
        defineLazy(o, name, () => f(name, nested.get(name)!));
      return o;
    };
    let withNestedMods: unknown;
    if (wrong.length === 0) {
      if (hasValue) withNestedMods = val;
      else {
        const updatePath = right[0]!.path;
        throwError(
          `updateManyAttrsByPath: Path '${show(updatePath)}' does not exist in the given value, ` +
            "but the first update to this path tries to access the existing value.",
        );
      }
    } else if (!hasValue) {
      withNestedMods = nestedMods((_name, us) => go(prefixLength + 1, false, null, us));
    } else if (isAttrs(val)) {
      withNestedMods = update(
        val,
        nestedMods((name, us) =>
          go(prefixLength + 1, hasAttr(name, val), hasAttr(name, val) ? val[name] : undefined, us),
        ),
      );
    } else {
      const updatePath = wrong[0]!.path;
      throwError(
        `updateManyAttrsByPath: Path '${show(updatePath)}' needs to be updated, but path ` +
          `'${show(updatePath.slice(0, prefixLength))}' of the given value is not an attribute set, ` +
          "so we can't update an attribute inside of it.",
      );
    }
    return right.reduce((acc, u) => u.update(acc), withNestedMods);
  };
  return go(0, true, value, updates);
}

/** Make a derivation-like object with a non-enumerable `toString()` giving its outPath. */
export function withOutPathToString<T extends object>(drv: T): T {
  Object.defineProperty(drv, "toString", {
    value: function (this: Attrs) {
      return String(this.outPath);
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return drv;
}

/** `lib.toDerivation path`: a derivation-like set for a store path. */
export function toDerivation(path: string): Derivation {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const rawName = base.slice(33);
  const res = nullProto() as Derivation;
  setOwn(res, "type", "derivation");
  setOwn(res, "name", sanitizeName(rawName));
  setOwn(res, "outPath", path);
  setOwn(res, "outputs", ["out"]);
  setOwn(res, "out", res);
  setOwn(res, "outputName", "out");
  return withOutPathToString(res);
}

/** `lib.strings.sanitizeDerivationName` (kept here to avoid an import cycle; re-exported by strings). */
export function sanitizeName(s: string): string {
  if (Buffer.byteLength(s, "utf8") <= 207 && /^[A-Za-z0-9+_?=-][A-Za-z0-9+._?=-]*$/.test(s)) return s;
  let x = s.replace(/^\.*/, "");
  x = x.replace(/[^A-Za-z0-9+._?=-]+/g, "-");
  const len = Buffer.byteLength(x, "utf8");
  if (len > 207)
    x = Buffer.from(x, "utf8")
      .subarray(len - 207)
      .toString("utf8");
  return x.length === 0 ? "unknown" : x;
}
