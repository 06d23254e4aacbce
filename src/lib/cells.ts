/**
 * Cells: the attributes of an attribute set read without evaluating them.
 * A getter-backed attribute becomes a Lazy (computed once, black-holed while
 * running); a data attribute is its value. The cells of an object are read
 * once and cached, so a getter in a module runs at most once however many
 * passes of the engine look at it.
 */
import { defineGetter, NO_SLOT_CELL, slotCell } from "./attrs-lazy.js";
import { current as scopeNow, type EvaluationScope } from "./evaluation-scope.js";
import { Lazy } from "./lazy.js";

export type Cell = unknown; // a value, or a Lazy of one

/**
 * The cells of an object with getters of its own, once read: kept on the object itself (a
 * symbol property, not enumerable, so not an attribute), or in a WeakMap for an object that
 * takes no new properties (frozen, or a proxy). A WeakMap entry costs several times more to
 * make and to collect, and every module object with a getter has one.
 *
 * They are kept per evaluation (evaluation-scope.ts): an object shared by two evaluations
 * gives each the values its getters have for it. The first evaluation's are kept as they are,
 * any other's in a WeakMap by evaluation.
 */
const CELLS = Symbol("cells");
/**
 * Kept cells as one flat list: the evaluation they are kept for, then name and cell by turns
 * (`[scope, n0, c0, n1, c1, …]`): one array for the object rather than an array of pairs,
 * which cost an array per attribute, kept as long as the module that has them.
 */
type FlatCells = unknown[];
type Kept = FlatCells | WeakMap<EvaluationScope, FlatCells>;
const frozenCache = new WeakMap<object, Kept>();
const keptOf = (obj: object): Kept | undefined => (obj as { [CELLS]?: Kept })[CELLS] ?? frozenCache.get(obj);
function cachedCells(obj: object): FlatCells | undefined {
  const k = keptOf(obj);
  if (k === undefined) return undefined;
  if (Array.isArray(k)) return k[0] === scopeNow ? k : undefined;
  return (k as WeakMap<EvaluationScope, FlatCells>).get(scopeNow);
}
function keepCells(obj: object, flat: FlatCells): void {
  const k = keptOf(obj);
  let kept: Kept = flat;
  if (k !== undefined) {
    const byScope = Array.isArray(k)
      ? new WeakMap<EvaluationScope, FlatCells>([[k[0] as EvaluationScope, k]])
      : (k as WeakMap<EvaluationScope, FlatCells>);
    byScope.set(flat[0] as EvaluationScope, flat);
    kept = byScope;
  }
  if (!Reflect.defineProperty(obj, CELLS, { value: kept, writable: true, configurable: true })) {
    frozenCache.set(obj, kept);
  }
}
/** Kept cells as pairs (a new list: the kept one is flat). */
function pairsOf(flat: FlatCells): [string, Cell][] {
  const out = new Array<[string, Cell]>((flat.length - 1) >> 1);
  for (let i = 1; i < flat.length; i += 2) out[i >> 1] = [flat[i] as string, flat[i + 1]];
  return out;
}

/**
 * The getters `setCell` puts on objects for lazy cells have this prototype, so that
 * `cells` knows them (and reuses their Lazy instead of wrapping them in a new one, and
 * needs no cache for them). A prototype, not a property of the function: a property
 * would give each of these many small functions a property store of its own.
 */
const lazyGetterProto: object = Object.create(Function.prototype);
/** While set, a getter made by `setCell` returns its Lazy instead of forcing it. */
let peeking = false;

function getterOf(c: Lazy): () => unknown {
  const g = (): unknown => (peeking ? c : c.force());
  Object.setPrototypeOf(g, lazyGetterProto);
  return g;
}

/** The Lazy behind a getter made by `setCell`, or undefined for any other getter (not called). */
function lazyOfGetter(get: () => unknown): Lazy | undefined {
  if (Object.getPrototypeOf(get) !== lazyGetterProto) return undefined;
  peeking = true;
  try {
    return get() as Lazy;
  } finally {
    peeking = false;
  }
}

/** A getter of an object's own as a lazy value (the getter and its object, not a closure). */
class GetterLazy extends Lazy {
  constructor(
    private obj: object | undefined,
    private get: (() => unknown) | undefined,
  ) {
    super();
  }
  protected override compute(): unknown {
    const v = this.get!.call(this.obj);
    // Computed: let go of the object and its getter (a failure keeps them, to try again).
    this.obj = this.get = undefined;
    return v;
  }
}

/** `Object.prototype.__lookupGetter__`, called on objects that may not inherit it. */
export const lookupGetter = (Object.prototype as unknown as { __lookupGetter__: (name: string) => unknown })
  .__lookupGetter__;

/** Marks an attribute whose getter is the object's own (its cell is kept: see `cells`). */
const OWN_GETTER: unique symbol = Symbol("own getter");

/**
 * The cell of an own attribute when nothing needs keeping: its value, or the Lazy behind a
 * `setCell` getter or in a `defineLazy` slot; OWN_GETTER for a getter of the object's own.
 * (`__lookupGetter__` makes no descriptor object; an own attribute is found before anything
 * inherited.)
 */
function plainCell(obj: object, name: string): Cell | typeof OWN_GETTER {
  const get = lookupGetter.call(obj, name) as (() => unknown) | undefined;
  if (get === undefined) return (obj as Record<string, unknown>)[name];
  const inSlot = slotCell(obj, get);
  if (inSlot !== NO_SLOT_CELL) return inSlot;
  return lazyOfGetter(get) ?? OWN_GETTER;
}

export function cells(obj: unknown): [string, Cell][] {
  if (typeof obj !== "object" || obj === null) return [];
  const hit = cachedCells(obj);
  if (hit) return pairsOf(hit);
  const out: [string, Cell][] = [];
  const names = Object.keys(obj);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const c = plainCell(obj, name);
    if (c === OWN_GETTER) return pairsOf(keptCells(obj, names));
    out.push([name, c]);
  }
  return out;
}

/**
 * The cells of an object with getters of its own (not made by setCell), made and kept: its
 * getters become Lazy cells, which must be the same ones every time so that each runs once.
 */
function keptCells(obj: object, names: readonly string[]): FlatCells {
  const flat = new Array<unknown>(2 * names.length + 1);
  flat[0] = scopeNow;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const c = plainCell(obj, name);
    flat[2 * i + 1] = name;
    flat[2 * i + 2] = c === OWN_GETTER ? new GetterLazy(obj, lookupGetter.call(obj, name) as () => unknown) : c;
  }
  keepCells(obj, flat);
  return flat;
}

/**
 * `f(name, cell)` for each of `cells(obj)`, in the same order, without a list of pairs when
 * the object has no getters of its own (then nothing needs to be kept).
 */
export function forEachCell(obj: unknown, f: (name: string, c: Cell) => void): void {
  if (typeof obj !== "object" || obj === null) return;
  const hit = cachedCells(obj);
  if (hit) return visit(hit, 0, f);
  const names = Object.keys(obj);
  for (let i = 0; i < names.length; i++) {
    const c = plainCell(obj, names[i]!);
    // A getter of the object's own: its cells are kept (keptCells), go on from there.
    if (c === OWN_GETTER) return visit(keptCells(obj, names), i, f);
    f(names[i]!, c);
  }
}

/**
 * The cell of one attribute (as `cells(obj)` has it), or undefined when `obj` has no such
 * enumerable attribute of its own; without the list of all cells when no getter is involved.
 */
export function cellOf(obj: object, name: string): Cell | undefined {
  if (!Object.prototype.propertyIsEnumerable.call(obj, name)) return undefined;
  const c = plainCell(obj, name);
  if (c !== OWN_GETTER) return c;
  const flat = cachedCells(obj) ?? keptCells(obj, Object.keys(obj));
  for (let i = 1; i < flat.length; i += 2) if (flat[i] === name) return flat[i + 1];
  return undefined;
}

/** `f(name, cell)` for the kept cells from the `from`th attribute on. */
const visit = (flat: FlatCells, from: number, f: (name: string, c: Cell) => void): void => {
  for (let i = 2 * from + 1; i < flat.length; i += 2) f(flat[i] as string, flat[i + 1]);
};

/** Put a cell on an object as an attribute: a lazy cell becomes a getter. */
export function setCell(obj: object, name: string, c: Cell): void {
  if (c instanceof Lazy) {
    defineGetter(obj, name, getterOf(c));
  } else {
    Object.defineProperty(obj, name, { enumerable: true, configurable: true, writable: true, value: c });
  }
}

/** `a // b // …` for attribute sets, keeping lazy attributes lazy (a new object). */
export function updateCells(...objs: object[]): Record<string, any> {
  const out = Object.create(null) as Record<string, any>;
  for (const o of objs) for (const [n, c] of cells(o)) setCell(out, n, c);
  return out;
}
