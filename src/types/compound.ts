/** Types built from other types: lists, attribute sets, null-or, either, coercions, checks. */
import { defineLazy, defineSlot, nullProtoFor, setSlotValues, sortNames } from "../lib/attrs-lazy.js";
import { forEachCell, type Cell } from "../lib/cells.js";
import { EvalError, throwError } from "../lib/errors.js";
import { activeLibRevision } from "../lib/lib-revision.js";
import { currentScope, setScope } from "../lib/evaluation-scope.js";
import { Lazy } from "../lib/lazy.js";
import { MergedDefinitions } from "../lib/merged-definitions.js";
import type { Definition } from "../lib/module-types.js";
import {
  childLoc,
  getFiles,
  mergeEqualOption,
  mergeOneOption,
  mergeUniqueOption,
  showFiles,
  showOption,
} from "../lib/options.js";
import { typeTag } from "../lib/properties.js";
import { describeType } from "../lib/nix/attrsets.js";
import { anything, attrs, float, int, setAnythingParts } from "./basic.js";
import {
  defaultFunctor,
  isOptionType,
  mkOptionType,
  optionDescriptionPhrase,
  overrideType,
  type DescriptionClass,
  pathFreeIf,
  type Functor,
  type OptionType,
  type TypeOf,
} from "./option-type.js";
import { NixAttrs, NixList } from "./values.js";

const wrappedFunctor = (name: string, wrapped: OptionType, type: (t: OptionType) => OptionType): Functor => ({
  ...defaultFunctor(name),
  wrapped,
  type,
});

/** Where a list element is merged: its definition and position, counted from 1. */
const elementLoc = (loc: readonly string[], def: number, entry: number): string[] => [
  ...loc,
  `[definition ${def + 1}-entry ${entry + 1}]`,
];

/**
 * The argument `t` of the type constructor `types.<name>`, which must be an option type: a
 * value that is not a set is Nix's error for it (`value is null while a set was expected`), a
 * set that is no option type is named as such; each with a line naming the constructor,
 * rather than a JavaScript TypeError when the type is first used.
 */
export function typeArgument<T>(t: OptionType<T>, name: string): OptionType<T> {
  if (isOptionType(t)) return t;
  const v = t as unknown;
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throwError(
      `value is ${describeType(v)} while a set was expected\n(the argument of types.${name}, which must be an option type)`,
    );
  }
  return throwError(
    `the argument of types.${name} is not an option type (it is a set without \`_type = "option-type"'; make option types with mkOptionType)`,
  );
}

/** A list entry merged as the only definition of its position (throwing a check's error, worded as for any). */
function mergeElement<T>(
  loc: readonly string[],
  n: number,
  m: number,
  file: string,
  t: OptionType<T>,
  el: unknown,
): T {
  return new MergedDefinitions(elementLoc(loc, n, m), t, [{ file, value: el }]).mergedValue as T;
}

/** What tryMerge and tryMerged give for an entry whose merge failed. */
const FAILED: unique symbol = Symbol("failed");

/** A list entry without properties merged by its type, or FAILED. (A function of its own: no `try` in the list's loop.) */
function tryMerge<T>(
  t: OptionType<T>,
  loc: readonly string[],
  n: number,
  m: number,
  file: string,
  el: unknown,
): T | typeof FAILED {
  try {
    return t.merge(elementLoc(loc, n, m), [{ file, value: el }]);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return FAILED;
  }
}

/** A list entry's merged value, or FAILED. */
function tryMerged<T>(merged: MergedDefinitions): T | typeof FAILED {
  try {
    return merged.mergedValue as T;
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return FAILED;
  }
}

/** The entries of a merged list whose merge failed: their positions, and how to merge them again. */
type Failed<T> = [number, () => T][];
/** A failed entry at the end of `out`, to be made by failingEntry once the list is made. */
function failAt<T>(out: T[], failed: Failed<T> | undefined, again: () => T): Failed<T> {
  (failed ??= []).push([out.length, again]);
  out.push(undefined as T);
  return failed;
}

/**
 * How to merge a failed entry again. (Closures made here, not in the merge's loop, whose
 * variables V8 would otherwise keep in a context for every entry.)
 */
function elementAgain<T>(
  loc: readonly string[],
  n: number,
  m: number,
  file: string,
  t: OptionType<T>,
  el: unknown,
) {
  return (): T => mergeElement(loc, n, m, file, t, el);
}
const mergedAgain =
  <T>(merged: MergedDefinitions) =>
  (): T =>
    merged.mergedValue as T;

/**
 * Make the entry `i` of a merged list one whose merge failed: reading it merges it again,
 * throwing its error (made anew each time, with the contexts of that read), as Nix evaluates
 * a failed value again.
 */
function failingEntry<T>(list: T[], i: number, again: () => T): void {
  // (A lazy value: an entry that needs itself while it is merged again is an infinite recursion.)
  const entry = new Lazy(again);
  Object.defineProperty(list, i, { enumerable: true, configurable: false, get: () => entry.force() });
}

export function listOf<T>(elemType: OptionType<T>): OptionType<T[]> {
  elemType = typeArgument(elemType, "listOf");
  return mkOptionType<T[]>({
    name: "listOf",
    description: () =>
      `list of ${optionDescriptionPhrase((c) => c === "noun" || c === "composite", elemType)}`,
    descriptionClass: "composite",
    check: NixList.is,
    merge: pathFreeIf([elemType], (loc, defs) => {
      // One definition merged by mergeEqualOption or mergeOneOption is its value.
      const mergeIsValue = elemType.merge === mergeEqualOption || elemType.merge === mergeOneOption;
      const out: T[] = [];
      // Entries whose merge failed: their positions, and how to merge them again. As in Nix,
      // where an entry is a value of its own, the error is raised where the entry is used (or
      // the list printed), not where the list is; only an entry's properties are looked at
      // here (whether it has a value at all), which is where Nix's errors come first.
      let failed: Failed<T> | undefined;
      for (let n = 0; n < defs.length; n++) {
        const def = defs[n]!;
        const list = def.value as unknown[];
        for (let m = 0; m < list.length; m++) {
          const el = list[m];
          if (typeTag(el) === undefined && !(el instanceof Lazy)) {
            // No properties: the common case, without the bookkeeping of mergeDefinitions.
            if (!elemType.check(el))
              failed = failAt(out, failed, elementAgain(loc, n, m, def.file, elemType, el));
            else if (mergeIsValue) out.push(el as T);
            else {
              const v = tryMerge(elemType, loc, n, m, def.file, el);
              if (v !== FAILED) out.push(v);
              else failed = failAt(out, failed, elementAgain(loc, n, m, def.file, elemType, el));
            }
            continue;
          }
          const merged = new MergedDefinitions(elementLoc(loc, n, m), elemType, [
            { file: def.file, value: el },
          ]);
          if (!merged.isDefined) continue;
          const v = tryMerged<T>(merged);
          if (v !== FAILED) out.push(v);
          else failed = failAt(out, failed, mergedAgain(merged));
        }
      }
      // The value is kept: a copy of exactly its length (`push` left room to grow).
      const value = out.slice();
      if (failed !== undefined) for (const [i, again] of failed) failingEntry(value, i, again);
      return value;
    }),
    emptyValue: { value: [] },
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, "*"]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => listOf(elemType.substSubModules(m) as OptionType<T>),
    functor: wrappedFunctor("listOf", elemType, listOf),
    nestedTypes: { elemType },
  });
}

export function nonEmptyListOf<T>(elemType: OptionType<T>): OptionType<T[]> {
  const list = addCheck(listOf(elemType), (l) => (l as unknown[]).length > 0);
  return overrideType(list, {
    get description() {
      return `non-empty ${optionDescriptionPhrase((c) => c === "noun", list)}`;
    },
    emptyValue: {},
    // Given the modules declared for its submodules, the 2023-07 lib's is a plain `listOf`
    // (an empty list passes); the 2025-06 lib's stays non-empty.
    substSubModules: (m) => {
      const e = elemType.substSubModules(m) as OptionType<T>;
      return activeLibRevision() === "2023-07" ? listOf(e) : nonEmptyListOf(e);
    },
  });
}

/** The definitions of each attribute, in definition order. */
function zipDefs(defs: readonly Definition[]): Map<string, { file: string; value: Cell }[]> {
  const byName = new Map<string, { file: string; value: Cell }[]>();
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    forEachCell(def.value, (n, c) => {
      const l = byName.get(n);
      if (l) l.push({ file: def.file, value: c });
      else byName.set(n, [{ file: def.file, value: c }]);
    });
  }
  return byName;
}

/** The names of a zipDefs map, sorted by code unit. */
const sortedKeys = (m: Map<string, unknown>): string[] => sortNames([...m.keys()]);

export function attrsOf<T>(elemType: OptionType<T>): OptionType<Record<string, T>> {
  elemType = typeArgument(elemType, "attrsOf");
  return mkOptionType<Record<string, T>>({
    name: "attrsOf",
    description: () =>
      `attribute set of ${optionDescriptionPhrase((c) => c === "noun" || c === "composite", elemType)}`,
    descriptionClass: "composite",
    check: NixAttrs.is,
    merge: (loc, defs) => {
      // Each attribute's merging is kept until the attribute is read, then its value.
      const pending: MergedDefinitions[] = [];
      const byName = zipDefs(defs);
      const names = sortedKeys(byName);
      const out = nullProtoFor<T>(names.length);
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const merged = new MergedDefinitions(childLoc(loc, name), elemType, byName.get(name)!);
        if (!merged.isDefined) continue;
        defineSlot(out, name, pending.length);
        pending.push(merged);
      }
      // (Kept until every attribute is read: a copy of exactly its length.)
      if (pending.length > 0) setSlotValues(out, pending.slice());
      return out;
    },
    emptyValue: { value: {} },
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, "<name>"]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => attrsOf(elemType.substSubModules(m) as OptionType<T>),
    functor: wrappedFunctor("attrsOf", elemType, attrsOf),
    nestedTypes: { elemType },
  });
}

export function lazyAttrsOf<T>(elemType: OptionType<T>): OptionType<Record<string, T>> {
  elemType = typeArgument(elemType, "lazyAttrsOf");
  return mkOptionType<Record<string, T>>({
    name: "lazyAttrsOf",
    description: () =>
      `lazy attribute set of ${optionDescriptionPhrase((c) => c === "noun" || c === "composite", elemType)}`,
    descriptionClass: "composite",
    check: NixAttrs.is,
    merge: (loc, defs) => {
      const byName = zipDefs(defs);
      const names = sortedKeys(byName);
      const out = nullProtoFor<T>(names.length);
      // (Each attribute merged, when read, for the evaluation this value is of.)
      const scope = currentScope();
      for (const name of names) {
        const ds = byName.get(name)!;
        defineLazy(out, name, () => {
          const saved = currentScope();
          if (scope !== saved) setScope(scope);
          try {
            const merged = new MergedDefinitions(childLoc(loc, name), elemType, ds);
            if (merged.isDefined) return merged.mergedValue;
            if ("value" in elemType.emptyValue) return elemType.emptyValue.value;
            return merged.mergedValue;
          } finally {
            if (scope !== saved) setScope(saved);
          }
        });
      }
      return out;
    },
    emptyValue: { value: {} },
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, "<name>"]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => lazyAttrsOf(elemType.substSubModules(m) as OptionType<T>),
    functor: wrappedFunctor("lazyAttrsOf", elemType, lazyAttrsOf),
    nestedTypes: { elemType },
  });
}

/**
 * `uniq t`: one definition only. The 2023-07 lib takes it as it is; the 2025-06 lib's `uniq`
 * is `unique { message = ""; }`, merging it by `t` (a `uniq (submodule ...)` gets its defaults).
 */
export function uniq<T>(elemType: OptionType<T>): OptionType<T> {
  return uniqueType("", typeArgument(elemType, "uniq"), "uniq");
}

export function unique<T>({ message }: { message: string }, type: OptionType<T>): OptionType<T> {
  return uniqueType(message, typeArgument(type, "unique"), "unique");
}

/** `uniq` and `unique`, one type in the 2025-06 lib (named `unique`), two in the 2023-07 one. */
function uniqueType<T>(message: string, type: OptionType<T>, name: "uniq" | "unique"): OptionType<T> {
  const taken = mergeUniqueOption({ message });
  const merged = mergeUniqueOption({ message, merge: type.merge });
  const t = mkOptionType<T>({
    name,
    description: () => type.description,
    descriptionClass: type.descriptionClass,
    check: type.check,
    merge: pathFreeIf([type], (loc, defs) =>
      activeLibRevision() === "2023-07" ? taken(loc, defs) : merged(loc, defs),
    ),
    emptyValue: type.emptyValue,
    getSubOptions: type.getSubOptions,
    getSubModules: type.getSubModules,
    substSubModules: (m) => uniq(type.substSubModules(m) as OptionType<T>),
    functor: wrappedFunctor(name, type, name === "uniq" ? uniq : (e) => unique({ message }, e)),
    nestedTypes: { elemType: type },
  });
  if (name === "uniq") {
    Object.defineProperty(t, "name", {
      enumerable: true,
      get: () => (activeLibRevision() === "2023-07" ? "uniq" : "unique"),
    });
  }
  return t;
}

export function nullOr<T>(elemType: OptionType<T>): OptionType<T | null> {
  elemType = typeArgument(elemType, "nullOr");
  return mkOptionType<T | null>({
    name: "nullOr",
    description: () =>
      `null or ${optionDescriptionPhrase((c) => c === "noun" || c === "conjunction", elemType)}`,
    descriptionClass: "conjunction",
    check: (x) => x === null || elemType.check(x),
    merge: pathFreeIf([elemType], (loc, defs) => {
      const nulls = defs.filter((d) => d.value === null).length;
      if (nulls === defs.length) return null;
      if (nulls !== 0) {
        throwError(
          `The option \`${showOption(loc)}\` is defined both null and not null, in ${showFiles(getFiles(defs))}.`,
        );
      }
      return elemType.merge(loc, defs);
    }),
    emptyValue: { value: null },
    getSubOptions: elemType.getSubOptions,
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => nullOr(elemType.substSubModules(m) as OptionType<T>),
    functor: wrappedFunctor("nullOr", elemType, nullOr),
    nestedTypes: { elemType },
  });
}

export function functionTo<T>(elemType: OptionType<T>): OptionType<(arg: unknown) => T> {
  elemType = typeArgument(elemType, "functionTo");
  return mkOptionType<(arg: unknown) => T>({
    name: "functionTo",
    description: () =>
      `function that evaluates to a(n) ${optionDescriptionPhrase((c) => c === "noun" || c === "composite", elemType)}`,
    descriptionClass: "composite",
    check: (x) => typeof x === "function",
    merge: (loc, defs) => (fnArgs: unknown) =>
      new MergedDefinitions(
        [...loc, "<function body>"],
        elemType,
        defs.map((fn) => ({ file: fn.file, value: (fn.value as (a: unknown) => unknown)(fnArgs) })),
      ).mergedValue as T,
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, "<function body>"]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => functionTo(elemType.substSubModules(m) as OptionType<T>),
    functor: wrappedFunctor("functionTo", elemType, functionTo),
    nestedTypes: { elemType },
  });
}

export function either<A, B>(t1: OptionType<A>, t2: OptionType<B>): OptionType<A | B> {
  t1 = typeArgument(t1, "either");
  t2 = typeArgument(t2, "either");
  const functor: Functor = { ...defaultFunctor("either"), wrapped: [t1, t2], type: either };
  const t: OptionType<A | B> = mkOptionType<A | B>({
    name: "either",
    description: () =>
      // (The 2025-06 lib writes a noun with a clause as it is, then a comma.)
      activeLibRevision() !== "2023-07" && t1.descriptionClass === "nonRestrictiveClause"
        ? `${t1.description}, or ${optionDescriptionPhrase((c) => c === "noun" || c === "conjunction", t2)}`
        : `${optionDescriptionPhrase((c) => c === "noun" || c === "conjunction", t1)} or ${optionDescriptionPhrase((c) => c === "noun" || c === "conjunction" || c === "composite", t2)}`,
    descriptionClass: "conjunction",
    check: (x) => t1.check(x) || t2.check(x),
    merge: pathFreeIf([t1, t2], (loc, defs) => {
      const values = defs.map((d) => d.value);
      if (values.every((x) => t1.check(x))) return t1.merge(loc, defs);
      if (values.every((x) => t2.check(x))) return t2.merge(loc, defs);
      return mergeOneOption(loc, defs);
    }),
    typeMerge: (f2) => {
      if (f2.name !== "either") return null;
      const [w1, w2] = f2.wrapped as OptionType[];
      const mt1 = t1.typeMerge(w1!.functor);
      const mt2 = t2.typeMerge(w2!.functor);
      return mt1 !== null && mt2 !== null ? either(mt1, mt2) : null;
    },
    functor,
    nestedTypes: { left: t1, right: t2 },
  });
  return t;
}

export function oneOf<Ts extends readonly OptionType<any>[]>(ts: Ts): OptionType<TypeOf<Ts[number]>> {
  if (ts.length === 0) throwError("types.oneOf needs to get at least one type in its argument");
  return ts.slice(1).reduce((acc, t) => either(acc, t), ts[0]!);
}

export function coercedTo<A, B>(
  coercedType: OptionType<A>,
  coerceFunc: (a: A) => B,
  finalType: OptionType<B>,
): OptionType<B> {
  coercedType = typeArgument(coercedType, "coercedTo");
  finalType = typeArgument(finalType, "coercedTo");
  if (coercedType.getSubModules !== null) {
    throwError(`coercedTo: coercedType must not have submodules (it’s a ${coercedType.description})`);
  }
  const coerce = (v: unknown): unknown => (coercedType.check(v) ? coerceFunc(v as A) : v);
  return mkOptionType<B>({
    name: "coercedTo",
    description: () =>
      `${optionDescriptionPhrase((c) => c === "noun", finalType)} or ${optionDescriptionPhrase((c) => c === "noun", coercedType)} convertible to it`,
    check: (x) => (coercedType.check(x) && finalType.check(coerceFunc(x as A))) || finalType.check(x),
    merge: pathFreeIf([finalType], (loc, defs) =>
      finalType.merge(
        loc,
        defs.map((d) => ({ ...d, value: coerce(d.value) })),
      ),
    ),
    emptyValue: finalType.emptyValue,
    getSubOptions: finalType.getSubOptions,
    getSubModules: finalType.getSubModules,
    substSubModules: (m) => coercedTo(coercedType, coerceFunc, finalType.substSubModules(m) as OptionType<B>),
    typeMerge: () => null,
    functor: { ...defaultFunctor("coercedTo"), wrapped: finalType },
    nestedTypes: { coercedType, finalType },
  });
}

/** `addCheck t f`: `t` with one more check. */
export function addCheck<T>(elemType: OptionType<T>, check: (x: unknown) => boolean): OptionType<T> {
  elemType = typeArgument(elemType, "addCheck");
  return overrideType(elemType, { check: (x) => elemType.check(x) && check(x) });
}

const betweenDesc = (lo: number, hi: number): string => `${lo} and ${hi} (both inclusive)`;
const between = (lowest: number, highest: number): OptionType<number> => {
  if (!(lowest <= highest)) throwError("ints.between: lowest must be smaller than highest");
  return {
    ...addCheck(int, (x) => (x as number) >= lowest && (x as number) <= highest),
    name: "intBetween",
    description: `integer between ${betweenDesc(lowest, highest)}`,
  };
};
const ign = (lo: number, hi: number, name: string, docStart: string): OptionType<number> => ({
  ...between(lo, hi),
  name,
  description: `${docStart}; between ${betweenDesc(lo, hi)}`,
});
const unsign = (bit: number, range: number): OptionType<number> =>
  ign(0, range - 1, `unsignedInt${bit}`, `${bit} bit unsigned integer`);
const sign = (bit: number, range: number): OptionType<number> =>
  ign(-(range / 2), range / 2 - 1, `signedInt${bit}`, `${bit} bit signed integer`);

/**
 * `t` named anew. (Typed `OptionType<number>`, not as the spread's own type: a declaration
 * file would write that one's phantom `__value` as `number | undefined`, which a user's
 * `exactOptionalPropertyTypes` then infers.)
 */
const named = (t: OptionType<number>, name: string, description: string): OptionType<number> => ({
  ...t,
  name,
  description,
});

/**
 * `t`, whose description is a noun followed by a clause (`unsigned integer, meaning >=0`): so
 * classed in the 2025-06 lib (`list of (unsigned integer, meaning >=0)`), of the class of the
 * type it narrows in the 2023-07 lib.
 */
function clause<T>(t: OptionType<T>): OptionType<T> {
  const before = t.descriptionClass;
  return Object.defineProperty(t, "descriptionClass", {
    enumerable: true,
    configurable: true,
    get: (): DescriptionClass => (activeLibRevision() === "2023-07" ? before : "nonRestrictiveClause"),
  });
}

export const ints = {
  between,
  unsigned: clause(
    named(
      addCheck(int, (x) => (x as number) >= 0),
      "unsignedInt",
      "unsigned integer, meaning >=0",
    ),
  ),
  positive: clause(
    named(
      addCheck(int, (x) => (x as number) > 0),
      "positiveInt",
      "positive integer, meaning >0",
    ),
  ),
  u8: unsign(8, 256),
  u16: unsign(16, 65536),
  u32: unsign(32, 4294967296),
  s8: sign(8, 256),
  s16: sign(16, 65536),
  s32: sign(32, 4294967296),
} as const;

export const port = ints.u16;
export const number = either(int, float);

const numberBetweenDesc = (lo: number, hi: number): string =>
  `${JSON.stringify(lo)} and ${JSON.stringify(hi)} (both inclusive)`;
export const numbers = {
  between: (lowest: number, highest: number): OptionType<number> => {
    if (!(lowest <= highest)) throwError("numbers.between: lowest must be smaller than highest");
    return {
      ...addCheck(number, (x) => (x as number) >= lowest && (x as number) <= highest),
      name: "numberBetween",
      description: `integer or floating point number between ${numberBetweenDesc(lowest, highest)}`,
    };
  },
  nonnegative: clause(
    named(
      addCheck(number, (x) => (x as number) >= 0),
      "numberNonnegative",
      "nonnegative integer or floating point number, meaning >=0",
    ),
  ),
  positive: clause(
    named(
      addCheck(number, (x) => (x as number) > 0),
      "numberPositive",
      "positive integer or floating point number, meaning >0",
    ),
  ),
} as const;

export const passwdEntry = <T>(entryType: OptionType<T>): OptionType<T> =>
  clause(
    overrideType(
      addCheck(entryType, (s) => !(String(s).includes(":") || String(s).includes("\n"))),
      {
        name: `passwdEntry ${entryType.name}`,
        get description() {
          return `${optionDescriptionPhrase((c) => c === "noun", entryType)}, not containing newlines or colons`;
        },
      },
    ),
  );

/** A Nixpkgs package set: one definition only. */
export const pkgs: OptionType<Record<string, unknown>> = {
  ...addCheck(
    unique({ message: "A Nixpkgs pkgs set can not be merged with another pkgs set." }, attrs),
    (x) => (x as { _type?: unknown })?._type === "pkgs",
  ),
  name: "pkgs",
  descriptionClass: "noun",
  description: "Nixpkgs package set",
};

setAnythingParts(attrsOf(anything), listOf(anything));
