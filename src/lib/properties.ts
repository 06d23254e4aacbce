/**
 * Properties: the values a definition can be wrapped in (mkIf, mkMerge,
 * mkOverride, mkOrder), with Nix's data shape so that JSON modules can carry
 * them, and the three passes that interpret them: pushDownProperties (while
 * collecting definitions), dischargeProperties and filterOverrides/sortProperties
 * (while merging one option).
 */
import { forEachCell, type Cell } from "./cells.js";
import { throwError, throwTypeError } from "./errors.js";
import { showOption } from "./options.js";
import { evaluationChain, force, Lazy } from "./lazy.js";
import { current as scopeNow, OUTSIDE, type EvaluationScope } from "./evaluation-scope.js";
import { defineGetter, isAttrs, nullProto } from "./attrs-lazy.js";

export type Condition = boolean | (() => boolean);

export interface If<T = unknown> {
  readonly _type: "if";
  /** The condition: a Boolean, or (made by mkIf from a thunk) a lazy value. */
  readonly condition: Condition | Lazy<boolean>;
  readonly content: T;
}
export interface Merge<T = unknown> {
  readonly _type: "merge";
  readonly contents: readonly T[];
}
export interface Override<T = unknown> {
  readonly _type: "override";
  readonly priority: number;
  readonly content: T;
}
export interface Order<T = unknown> {
  readonly _type: "order";
  readonly priority: number;
  readonly content: T;
}
export type Property<T = unknown> = If<T> | Merge<T> | Override<T> | Order<T>;

export const defaultOverridePriority = 100;
export const defaultOrderPriority = 1000;

/**
 * An mkIf whose condition is a thunk, made outside any evaluation (at a module file's top
 * level, say, where one object may serve several evaluations), keeps under symbols (not
 * attributes) that it was made there, and the thunk: its `condition` serves no evaluation, and
 * each evaluation reading the mkIf gets a lazy value of its own (conditionFor). An mkIf made
 * while an evaluation runs (by a module function: the engine's modules make thousands) belongs
 * to that evaluation, and is a plain object of three attributes. A plain Lazy each, not a
 * subclass: `force` stays one method for the whole engine.
 */
const MADE_IN = Symbol("made in");
const THUNK = Symbol("condition thunk");
type ThunkIf = If & { [MADE_IN]: EvaluationScope; [THUNK]: () => boolean };

/**
 * `mkIf condition content`. A condition given as a thunk, so that it can read `config`
 * lazily, is kept as a lazy value: evaluated once, however many definitions it ends up
 * guarding (pushed down to each attribute of `content`), as Nix evaluates a condition once
 * (a condition that needs itself is an infinite recursion), and shown by its value where an
 * mkIf is printed, as Nix shows it.
 */
export const mkIf = <T>(condition: Condition, content: T): If<T> =>
  typeof condition !== "function"
    ? { _type: "if", condition, content }
    : scopeNow !== OUTSIDE
      ? { _type: "if", condition: new Lazy(condition), content }
      : ({
          _type: "if",
          condition: new Lazy(condition),
          content,
          [MADE_IN]: OUTSIDE,
          [THUNK]: condition,
        } as If<T>);

const otherScopes = new WeakMap<object, WeakMap<EvaluationScope, Lazy<boolean>>>();

/** The condition of an mkIf for the evaluation at work (see MADE_IN). */
export function conditionFor(p: If): unknown {
  const made = (p as Partial<ThunkIf>)[MADE_IN];
  if (made === undefined || made === scopeNow) return p.condition;
  let byScope = otherScopes.get(p);
  if (byScope === undefined) otherScopes.set(p, (byScope = new WeakMap()));
  let l = byScope.get(scopeNow);
  if (l === undefined) byScope.set(scopeNow, (l = new Lazy((p as ThunkIf)[THUNK])));
  return l;
}
export const mkMerge = <T>(contents: readonly T[]): Merge<T> => ({ _type: "merge", contents });
/** mkMerge whose list of contents is computed when the definitions are merged (it may read config). */
export const mkMergeLazy = <T>(contents: () => readonly T[]): Merge<T> => {
  let memo: readonly T[] | undefined;
  return {
    _type: "merge",
    get contents() {
      return (memo ??= contents());
    },
  };
};
export const mkOverride = <T>(priority: number, content: T): Override<T> => ({
  _type: "override",
  priority,
  content,
});
export const mkOptionDefault = <T>(content: T): Override<T> => mkOverride(1500, content);
export const mkDefault = <T>(content: T): Override<T> => mkOverride(1000, content);
export const mkImageMediaOverride = <T>(content: T): Override<T> => mkOverride(60, content);
export const mkForce = <T>(content: T): Override<T> => mkOverride(50, content);
export const mkVMOverride = <T>(content: T): Override<T> => mkOverride(10, content);
export const mkOrder = <T>(priority: number, content: T): Order<T> => ({ _type: "order", priority, content });
export const mkBefore = <T>(content: T): Order<T> => mkOrder(500, content);
export const mkAfter = <T>(content: T): Order<T> => mkOrder(1500, content);
/** `mkAssert assertion message content`. */
export const mkAssert = <T>(assertion: boolean, message: string, content: T): If<T> =>
  mkIf(() => (assertion ? true : throwError(`\nFailed assertion: ${message}`)), content);

/** The `_type` of a value, if it is an attribute set that has one. */
export const typeTag = (v: unknown): string | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v)
    ? ((v as { _type?: unknown })._type as string)
    : undefined;

/** The contents of an mkMerge, which must be a list (Nix's error otherwise). */
function mergeContents(m: Merge): unknown[] {
  const contents = force(m.contents) as unknown;
  if (!Array.isArray(contents)) {
    throwTypeError(
      `value is ${describeValue(contents)} while a list was expected, in the contents of an mkMerge${evaluating()}`,
    );
  }
  return contents;
}

/** The priority of an mkOverride or mkOrder, which must be a number (Nix's error otherwise). */
function priorityOf(p: Override | Order): number {
  const v = force(p.priority) as unknown;
  if (typeof v !== "number" || Number.isNaN(v)) {
    throwTypeError(
      `cannot compare ${describeValue(v)} with an integer, in the priority of an ${p._type === "order" ? "mkOrder" : "mkOverride"}${evaluating()}`,
    );
  }
  return v;
}

/** ` while evaluating the option `a.b'`: the innermost option being evaluated, if any. */
const evaluating = (): string => {
  const chain = evaluationChain();
  const last = chain[chain.length - 1];
  return last === undefined ? "" : ` while evaluating the option \`${last}'`;
};

const describeValue = (v: unknown): string =>
  v === null || v === undefined
    ? "null"
    : Array.isArray(v)
      ? "a list"
      : typeof v === "function"
        ? "a function"
        : typeof v === "object"
          ? "a set"
          : typeof v === "number"
            ? Number.isInteger(v)
              ? "an integer"
              : "a float"
            : typeof v === "boolean"
              ? "a Boolean"
              : "a string";

/** The condition of an mkIf, evaluated (thunks are called). */
export function conditionValue(c: unknown): boolean {
  const v = force(typeof c === "function" ? (c as () => unknown)() : c);
  if (typeof v !== "boolean") throwError("‘mkIf’ called with a non-Boolean condition");
  return v;
}

/**
 * Where a pushed-down property keeps lazy content: a symbol property, read by one getter
 * for all of them. (A getter made for each would make each node a hash table in V8, as
 * objects given different getters for the same name on the same path become.)
 */
const LAZY_CONTENT = Symbol("lazy content");
function lazyContent(this: { [LAZY_CONTENT]: Lazy }): unknown {
  return this[LAZY_CONTENT].force();
}

/** A property node whose content is a cell (lazy or not), shown like Nix's data. */
function wrap(kind: "if" | "override", key: "condition" | "priority", arg: unknown, content: Cell): object {
  const o = nullProto();
  o._type = kind;
  o[key] = arg;
  // (A fresh set that inherits nothing: a plain value is assigned, a lazy one is a getter.)
  if (content instanceof Lazy) {
    Object.defineProperty(o, LAZY_CONTENT, { value: content });
    defineGetter(o, "content", lazyContent);
  } else o.content = content;
  return o;
}

/**
 * Expand mkMerge and push mkIf/mkOverride into the attributes of a config set,
 * without evaluating the attribute values: the result is a list of plain
 * attribute sets whose values may carry the pushed properties.
 *
 * The content of an mkIf or mkOverride must be an attribute set, whatever the condition
 * (Nix maps over its attributes before anything looks at the condition); `file` and `loc`
 * name the definition in the line the message adds to Nix's.
 */
export function pushDownProperties(cfg: unknown, file?: string, loc?: readonly string[]): unknown[] {
  const t = typeTag(cfg);
  if (t === "merge")
    return mergeContents(cfg as Merge).flatMap((c) => pushDownProperties(force(c), file, loc));
  if (t === "if" || t === "override") {
    const p = cfg as If | Override;
    const key = t === "if" ? "condition" : "priority";
    const arg = t === "if" ? conditionFor(p as If) : (p as Override).priority;
    return pushDownProperties(force(p.content), file, loc).map((sub) => {
      if (!isAttrs(sub)) notASet(t, sub, file, loc);
      const out = nullProto();
      forEachCell(sub, (n, c) => void (out[n] = wrap(t, key, arg, c)));
      return out;
    });
  }
  return [cfg];
}

/** Nix's error for an mkIf or mkOverride pushed down into a value that is no attribute set. */
function notASet(kind: "if" | "override", v: unknown, file?: string, loc?: readonly string[]): never {
  const what = `${kind === "if" ? "an mkIf" : "an mkOverride (mkForce, mkDefault, ...)"} of ${describeValue(v)}`;
  const line =
    file === undefined
      ? ""
      : loc === undefined || loc.length === 0
        ? `\nThe config of module \`${file}' is ${what}: a module's config must be an attribute set.`
        : `\nThe definition of \`${showOption(loc)}' in \`${file}' is ${what}, but \`${showOption(loc)}' is no option:` +
          " options are declared under it, so it must be defined by an attribute set.";
  return throwTypeError(`value is ${describeValue(v)} while a set was expected${line}`);
}

/** Expand mkMerge and evaluate mkIf conditions: the definitions that remain. */
export function dischargeProperties(def: unknown): unknown[] {
  const out: unknown[] = [];
  dischargeInto(def, out);
  return out;
}

/**
 * dischargeProperties, appending to `out` (one list for a whole tree of mkMerge and mkIf):
 * each value that remains, or with `file` a definition `{ file, value }` of it.
 */
export function dischargeInto(def: unknown, out: unknown[], file?: string): void {
  const v = force(def);
  const t = typeTag(v);
  if (t === "merge") {
    const contents = mergeContents(v as Merge);
    for (let i = 0; i < contents.length; i++) dischargeInto(contents[i], out, file);
  } else if (t === "if") {
    const p = v as If;
    if (conditionValue(conditionFor(p))) dischargeInto(p.content, out, file);
  } else out.push(file === undefined ? v : { file, value: v });
}

export interface Def {
  file: string;
  value: unknown;
  /** mkOrder priority, set by sortProperties. */
  priority?: number;
}

export interface Filtered<D> {
  values: D[];
  highestPrio: number;
}

/** Keep the definitions of highest override priority (lowest number), without their mkOverride. */
const getPrio = (d: Def): number =>
  typeTag(d.value) === "override" ? priorityOf(d.value as Override) : defaultOverridePriority;

/** The highest override priority (lowest number) of some definitions, 9999 for none. */
export function highestPriority(defs: readonly Def[]): number {
  let highestPrio = 9999;
  for (let i = 0; i < defs.length; i++) highestPrio = Math.min(getPrio(defs[i]!), highestPrio);
  return highestPrio;
}

export function filterOverridesPrime<D extends Def>(defs: readonly D[]): Filtered<D> {
  // Usually there is no mkOverride at all: then the list itself is the result.
  let plain = true;
  for (let i = 0; i < defs.length; i++) if (typeTag(defs[i]!.value) === "override") plain = false;
  if (plain) return { values: defs as D[], highestPrio: defs.length > 0 ? defaultOverridePriority : 9999 };
  const highestPrio = highestPriority(defs);
  let kept = 0;
  for (let i = 0; i < defs.length; i++) if (getPrio(defs[i]!) === highestPrio) kept++;
  const values = new Array<D>(kept);
  for (let i = 0, j = 0; i < defs.length; i++) {
    const d = defs[i]!;
    if (getPrio(d) !== highestPrio) continue;
    values[j++] = typeTag(d.value) === "override" ? { ...d, value: force((d.value as Override).content) } : d;
  }
  return { values, highestPrio };
}

export const filterOverrides = <D extends Def>(defs: readonly D[]): D[] => filterOverridesPrime(defs).values;

/**
 * Stable sort by mkOrder priority (default 1000), stripping the mkOrder. The contents are
 * evaluated when read, in the sorted order when checked, as in Nix.
 */
export function sortProperties<D extends Def>(defs: readonly D[]): D[] {
  const n = defs.length;
  const prios = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const d = defs[i]!;
    // Nix compares priorities only when there is something to sort.
    prios[i] =
      typeTag(d.value) !== "order"
        ? (d.priority ?? defaultOrderPriority)
        : n > 1
          ? priorityOf(d.value as Order)
          : (d.value as Order).priority;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => prios[a]! - prios[b]! || a - b);
  return order.map((i) => {
    const d = defs[i]!;
    return typeTag(d.value) !== "order" ? d : stripOrder(d, prios[i]!);
  });
}

/**
 * An mkOrder definition without its mkOrder: its content, evaluated when first read (to
 * check it), not to sort it or to know that there is a definition, as in Nix.
 */
function stripOrder<D extends Def>(d: D, priority: number): D {
  const content = new Lazy(() => force((d.value as Order).content));
  return {
    ...d,
    priority,
    get value() {
      return content.force();
    },
  };
}

export const isProperty = (v: unknown): v is Property => {
  const t = typeTag(v);
  return t === "if" || t === "merge" || t === "override" || t === "order";
};
