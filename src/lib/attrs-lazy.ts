/** Helpers for lazy attribute sets (attributes defined by getters are unevaluated values). */

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

/** A Nix attribute set: a non-null object that is not an array. */
export function isAttrs(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
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

/** Define `name` on `obj` as an enumerable, configurable, memoized getter. */
export function defineLazy(obj: object, name: string, thunk: () => unknown): void {
  let done = false;
  let value: unknown;
  Object.defineProperty(obj, name, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = thunk();
        done = true;
      }
      return value;
    },
  });
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
