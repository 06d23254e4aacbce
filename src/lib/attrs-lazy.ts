/** Helpers for lazy attribute sets (attributes defined by getters are unevaluated values). */
import { types as nodeTypes } from "node:util";
import { Lazy } from "./lazy.js";

const { isProxy } = nodeTypes;

/**
 * Order of attribute names as Nix sorts them: by their UTF-8 bytes, which is code point order.
 * That is UTF-16 code unit order except that a surrogate (a character above U+FFFF) sorts
 * after U+E000..U+FFFF, so the first differing code units are compared with surrogates moved up.
 */
export const compareCodeUnits = (a: string, b: string): number => {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
};

const utf8Rank = (u: number): number => (u < 0xd800 ? u : u < 0xe000 ? u + 0x2000 : u - 0x800);

/**
 * Sort names in place by compareCodeUnits. The default sort (UTF-16 code units, compared
 * natively, several times faster than a comparator) is the same order unless a name has a
 * character above U+FFFF: the result is checked pair by pair, and sorted again if it is not.
 * Names already in order are only checked.
 */
export function sortNames(names: string[]): string[] {
  // Names often come sorted already (an attrsOf value is made in name order): then no sort.
  if (inOrder(names)) return names;
  names.sort();
  return inOrder(names) ? names : names.sort(compareCodeUnits);
}

/** Whether `names` is in compareCodeUnits' order. */
function inOrder(names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) if (compareCodeUnits(names[i - 1]!, names[i]!) > 0) return false;
  return true;
}

/** Own enumerable names of `o`, sorted by code unit like Nix. */
export function sortedNames(o: object): string[] {
  return sortNames(Object.keys(o));
}

/**
 * The kind of a JavaScript object that has no place among Nix values although it is an object:
 * a Map, a Set, a Date, a Promise, a typed array... ("Map", "Set", ...), or undefined for an
 * attribute set (a plain object, one of the engine's, an instance of a class). Without this a
 * Map of environment variables would be an attribute set without attributes: an empty one,
 * silently. An object made by a literal, or with no prototype or the engine's, is known at
 * once; any other by its `Object.prototype.toString` tag (a proxy, whose traps that would
 * run, is taken for an attribute set, as is an instance of a class without a tag of its own).
 */
export function jsObjectKind(v: object): string | undefined {
  const proto = Object.getPrototypeOf(v) as object | null;
  // (Object.prototype, attrsProto and the engine's other prototypes have no prototype themselves.)
  if (proto === null || Object.getPrototypeOf(proto) === null || isProxy(v)) return undefined;
  const tag = Object.prototype.toString.call(v);
  return tag === "[object Object]" ? undefined : tag.slice(8, -1);
}

/** A Nix attribute set: a non-null object that is not an array. */
export function isAttrs(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * An attribute set that is a Nix value: isAttrs, and not a Map, a Date or another built-in
 * JavaScript object (see jsObjectKind). Where a value is taken as a module or checked as an
 * attribute set; isAttrs where an attribute is looked for next, which no Map has.
 */
export function isAttrsValue(v: unknown): v is Record<string, unknown> {
  return isAttrs(v) && jsObjectKind(v) === undefined;
}

/**
 * The prototype of the engine's attribute sets: empty, frozen, and itself without a
 * prototype, so that an attribute set inherits nothing (no `toString`, no `__proto__`
 * accessor), as with a null prototype. Unlike `Object.create(null)`, whose objects V8 keeps
 * as hash tables, objects made from it get V8's fast layouts.
 */
export const attrsProto: object = Object.freeze(Object.create(null) as object);

/** A fresh attribute set that inherits nothing (its prototype is attrsProto). */
export function nullProto<T = any>(): Record<string, T> {
  return Object.create(attrsProto) as Record<string, T>;
}

/**
 * A fresh attribute set like nullProto's, for about `n` attributes. V8 gives an object a new
 * hidden class (a map) for every attribute added to it, and keeps each to share with the next
 * object built the same way: worth it for the many small sets built alike (a service's
 * options), wasted on a set of many names made once (an attrsOf value of a thousand
 * services), where making a thousand maps took several times longer than the set itself. Such
 * a set starts as the hash table V8 would make of it anyway past about a thousand attributes:
 * V8 turns an object into one when an attribute other than the last is deleted.
 */
export function nullProtoFor<T = any>(n: number): Record<string, T> {
  const out = nullProto<T>();
  if (n > MANY_ATTRIBUTES) {
    const o = out as Record<string, unknown>;
    o[" a"] = 0;
    o[" b"] = 0;
    delete o[" a"]; // (not the last added: deleting that one would only step back a map)
    delete o[" b"];
  }
  return out;
}
/** How many attributes make a set many (see nullProtoFor). */
const MANY_ATTRIBUTES = 64;

/**
 * The value of an attribute defined by `defineSlot`, computed when the attribute is first
 * read and then kept in its place (a computation that fails is tried again at the next read).
 */
export abstract class SlotValue {
  abstract compute(): unknown;
}

/** Where an attribute set keeps the values of its `defineSlot` attributes (a symbol: not an attribute). */
const SLOT_VALUES = Symbol("attribute values");
type WithSlots = { [SLOT_VALUES]: unknown[] };

/**
 * `Object.prototype.__defineGetter__`, called on objects that may not inherit it: it defines
 * an enumerable, configurable getter, exactly as `Object.defineProperty` with such a descriptor
 * does, but V8 has no descriptor object to read first (a quarter less time per attribute, and
 * the engine defines some 140 of them for every container of the benchmark).
 */
const defineGetterOf = (
  Object.prototype as unknown as { __defineGetter__: (name: string, get: () => unknown) => void }
).__defineGetter__;

/** Define `name` on `obj` as an enumerable, configurable attribute read by `get`. */
export function defineGetter(obj: object, name: string, get: () => unknown): void {
  defineGetterOf.call(obj, name, get);
}

/** A slot attribute's getter, with the position it reads (see slotCell). */
type SlotGetter = (() => unknown) & { readonly slot: number };
const slotGetters: SlotGetter[] = [];
function slotGetter(i: number): SlotGetter {
  let g = slotGetters[i];
  if (g === undefined) {
    g = Object.assign(
      function (this: WithSlots) {
        const values = this[SLOT_VALUES];
        const v = values[i];
        return v instanceof Lazy ? (values[i] = v.force()) : v instanceof SlotValue ? (values[i] = v.compute()) : v;
      },
      { slot: i },
    );
    slotGetters[i] = g;
  }
  return g;
}

/** Not a slot attribute whose cell slotCell knows (see there). */
export const NO_SLOT_CELL: unique symbol = Symbol("no slot cell");

/**
 * The cell of a slot attribute of `obj` whose getter is `get`, without running it: the value
 * once computed, or the Lazy that computes it (a `defineLazy` attribute's), the same one each
 * time, so that nothing needs keeping for `cells`; NO_SLOT_CELL for another getter, or a slot
 * whose value is computed otherwise (an attrsOf value's merge).
 */
export function slotCell(obj: object, get: () => unknown): unknown {
  const i = (get as Partial<SlotGetter>).slot;
  if (i === undefined || slotGetters[i] !== get) return NO_SLOT_CELL;
  const values = (obj as Partial<WithSlots>)[SLOT_VALUES];
  if (values === undefined) return NO_SLOT_CELL; // (a getter moved by its descriptor: let it run)
  const v = values[i];
  return v instanceof SlotValue ? NO_SLOT_CELL : v;
}

/**
 * Define `name` on `obj` as the attribute whose value is at position `i` of the list that
 * `setSlotValues` gives it (a SlotValue, computed when first read, or the value itself). The
 * getter is one for all attribute sets and positions of every kind (attrsOf values,
 * `lazyAttrs`): V8 keeps an object as a hash table once a name is defined on it with another
 * getter than other objects had on the same path, so a getter made for each attribute would
 * make every such set one. As the getter finds its values on the set it is read from, such
 * an attribute is moved to another set by its cell (`cells`), not by its descriptor.
 */
export function defineSlot(obj: object, name: string, i: number): void {
  defineGetterOf.call(obj, name, slotGetter(i));
}

/** The values of the `defineSlot` attributes of `obj`, by position (kept by `obj`). */
export function setSlotValues(obj: object, values: unknown[]): void {
  Object.defineProperty(obj, SLOT_VALUES, { value: values });
}

/**
 * Define `name` on `obj` as an enumerable, configurable attribute whose value `thunk` computes
 * when first read, once (a slot attribute: see defineSlot; a failure is tried again).
 */
export function defineLazy(obj: object, name: string, thunk: () => unknown): void {
  let values = Object.prototype.hasOwnProperty.call(obj, SLOT_VALUES)
    ? (obj as WithSlots)[SLOT_VALUES]
    : undefined;
  if (values === undefined) setSlotValues(obj, (values = []));
  defineSlot(obj, name, values.length);
  // (A Lazy: computed once, black-holed while computed, and its own cell for `cells`.)
  values.push(new Lazy(thunk));
}

/**
 * Own enumerable attributes of `obj` as [name, thunk] (those of `names`, in that order, if
 * given); getters become memoized thunks.
 */
export function entriesLazy(
  obj: object,
  names: readonly string[] = Object.keys(obj),
): [string, () => unknown][] {
  const out: [string, () => unknown][] = [];
  for (const name of names) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    if (!d) continue;
    if (d.get) {
      const get = d.get;
      let done = false;
      let value: unknown;
      out.push([
        name,
        () => {
          if (!done) {
            value = get.call(obj);
            done = true;
          }
          return value;
        },
      ]);
    } else {
      const value = d.value as unknown;
      out.push([name, () => value]);
    }
  }
  return out;
}
