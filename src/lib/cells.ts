/**
 * Cells: the attributes of an attribute set read without evaluating them.
 * A getter-backed attribute becomes a Lazy (computed once, black-holed while
 * running); a data attribute is its value. The cells of an object are read
 * once and cached, so a getter in a module runs at most once however many
 * passes of the engine look at it.
 */
import { Lazy } from "./lazy.js";

export type Cell = unknown; // a value, or a Lazy of one

const cache = new WeakMap<object, [string, Cell][]>();

export function cells(obj: unknown): [string, Cell][] {
  if (typeof obj !== "object" || obj === null) return [];
  const hit = cache.get(obj);
  if (hit) return hit;
  const out: [string, Cell][] = [];
  const descs = Object.getOwnPropertyDescriptors(obj);
  for (const name of Object.keys(descs)) {
    const d = descs[name]!;
    if (!d.enumerable) continue;
    if (d.get) {
      const get = d.get;
      out.push([name, new Lazy(() => get.call(obj))]);
    } else out.push([name, d.value]);
  }
  cache.set(obj, out);
  return out;
}

/** Put a cell on an object as an attribute: a lazy cell becomes a getter. */
export function setCell(obj: object, name: string, c: Cell): void {
  if (c instanceof Lazy) {
    Object.defineProperty(obj, name, { enumerable: true, configurable: true, get: () => c.force() });
  } else {
    Object.defineProperty(obj, name, { enumerable: true, configurable: true, writable: true, value: c });
  }
}
