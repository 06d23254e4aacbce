/** Helpers for lazy attribute sets (attributes defined by getters are unevaluated values). */

/** Order of attribute names as Nix sorts them: by UTF-16 code unit. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Own enumerable names of `o`, sorted by code unit like Nix. */
export function sortedNames(o: object): string[] {
  return Object.keys(o).sort(compareCodeUnits);
}

/** A Nix attribute set: a non-null object that is not an array. */
export function isAttrs(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A fresh object without prototype. */
export function nullProto<T = any>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
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

/** Own enumerable attributes of `obj` as [name, thunk]; getters become memoized thunks. */
export function entriesLazy(obj: object): [string, () => unknown][] {
  const out: [string, () => unknown][] = [];
  for (const name of Object.keys(obj)) {
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
