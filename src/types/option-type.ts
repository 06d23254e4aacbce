/**
 * The option type value: a name, a description, a `check` on the root of a
 * value and a `merge` of definitions, plus what makes types composable
 * (functor, typeMerge, nested types, submodules). `T` is the TypeScript type
 * of a merged value, so that config types can be inferred from declarations.
 */
import { throwError } from "../lib/errors.js";
import { activeLibRevision, type LibRevision } from "../lib/lib-revision.js";
import type { Definition, Module } from "../lib/module-types.js";

/** How a type's description reads inside another's (see optionDescriptionPhrase). */
export type DescriptionClass = "noun" | "conjunction" | "composite" | "nonRestrictiveClause" | null;

export interface Functor {
  name: string;
  /** For a simple type, the type; for a type function, the function. */
  type: any;
  wrapped: any;
  payload: any;
  binOp: (a: any, b: any) => any;
}

export interface OptionType<T = unknown> {
  readonly _type: "option-type";
  readonly name: string;
  readonly description: string;
  readonly descriptionClass: DescriptionClass;
  readonly check: (value: unknown) => boolean;
  readonly merge: (loc: string[], defs: Definition[]) => T;
  readonly emptyValue: { value?: unknown };
  readonly getSubOptions: (prefix: string[]) => any;
  readonly getSubModules: Module[] | null;
  readonly substSubModules: (m: Module[]) => OptionType | null;
  readonly typeMerge: (f: Functor) => OptionType | null;
  readonly functor: Functor;
  readonly deprecationMessage: string | null;
  readonly nestedTypes: Record<string, OptionType>;
  /** Phantom: the TypeScript type of the merged value. */
  readonly __value?: T;
}

/** The TypeScript type of the values of an option type. */
export type TypeOf<O> = O extends OptionType<infer T> ? T : never;

export function defaultFunctor(name: string, type?: any): Functor {
  return { name, type: type ?? null, wrapped: null, payload: null, binOp: () => null };
}

/** Nix's defaultTypeMerge: two declarations of an option merge their types when the functors agree. */
export const defaultTypeMerge =
  (f: Functor) =>
  (f2: Functor): OptionType | null => {
    if (f.name !== f2.name) return null;
    if (f.payload != null && f.wrapped != null && activeLibRevision() !== "2023-07") {
      // (The 2023-07 lib merges such a type by its wrapped type.)
      throwError(
        `Type ${f.name} defines both \`functor.payload\` and \`functor.wrapped\` at the same time, which is not supported.\n\nUse either \`functor.payload\` or \`functor.wrapped\` but not both.\n\nIf your code worked before remove either \`functor.wrapped\` or \`functor.payload\` from the type definition.\n`,
      );
    }
    if (f.wrapped == null && f2.wrapped == null && f.payload == null && f2.payload == null) {
      return typeof f.type === "function" ? null : (f.type ?? null);
    }
    if (f.wrapped != null && f2.wrapped != null) {
      const wrapped = (f.wrapped as OptionType).typeMerge((f2.wrapped as OptionType).functor);
      if (wrapped != null) return f.type(wrapped);
      return null;
    }
    if (f.payload != null && f2.payload != null) {
      const payload = f.binOp(f.payload, f2.payload);
      if (payload != null) return f.type(payload);
    }
    return null;
  };

export interface OptionTypeSpec<T> {
  name: string;
  /** A thunk keeps the description lazy (a submodule's may need an evaluation). */
  description?: string | null | (() => string);
  descriptionClass?: DescriptionClass;
  check?: (value: unknown) => boolean;
  merge?: (loc: string[], defs: Definition[]) => T;
  emptyValue?: { value?: unknown };
  getSubOptions?: (prefix: string[]) => any;
  getSubModules?: Module[] | null;
  substSubModules?: (m: Module[]) => OptionType | null;
  typeMerge?: (f: Functor) => OptionType | null;
  functor?: Functor;
  deprecationMessage?: string | null;
  nestedTypes?: Record<string, OptionType>;
}

let mergeDefaultOption: (loc: string[], defs: Definition[]) => any;
/** Wired by options.ts, which owns the default merge (avoids an import cycle). */
export const setDefaultMerge = (f: typeof mergeDefaultOption): void => {
  mergeDefaultOption = f;
};

/** The merge of a type that has none of its own (by the kind of the values: path-free). */
const defaultMerge = (loc: string[], defs: Definition[]): any => mergeDefaultOption(loc, defs);

/** `mkOptionType`: a type from its parts, with Nix's defaults. */
export function mkOptionType<T = unknown>(spec: OptionTypeSpec<T>): OptionType<T> {
  const functor = spec.functor ?? defaultFunctor(spec.name);
  const t: OptionType<T> = {
    _type: "option-type",
    name: spec.name,
    description: typeof spec.description === "string" ? spec.description : spec.name,
    descriptionClass: spec.descriptionClass ?? null,
    check: spec.check ?? (() => true),
    merge: spec.merge ?? defaultMerge,
    emptyValue: spec.emptyValue ?? {},
    getSubOptions: spec.getSubOptions ?? (() => ({})),
    getSubModules: spec.getSubModules ?? null,
    substSubModules: spec.substSubModules ?? (() => null),
    typeMerge: spec.typeMerge ?? ((f) => defaultTypeMerge(t.functor)(f)),
    functor,
    deprecationMessage: spec.deprecationMessage ?? null,
    nestedTypes: spec.nestedTypes ?? {},
  };
  const describe = spec.description;
  if (typeof describe === "function") {
    // Made when first read, and again under another lib revision (whose words may differ:
    // `types.path` is an "absolute path" in the 2025-06 lib).
    let memo: string | undefined;
    let memoRevision: LibRevision | undefined;
    Object.defineProperty(t, "description", {
      enumerable: true,
      configurable: true,
      get: () => {
        const revision = activeLibRevision();
        if (memo === undefined || memoRevision !== revision) {
          memo = describe();
          memoRevision = revision;
        }
        return memo;
      },
    });
  }
  return t;
}

/**
 * Merges whose value is decided by the definitions alone, never by the option's path (which
 * they name only in errors). An option without definitions of its own merges only its
 * declaration's default: with such a merge, one merge serves every submodule instance that
 * shares the declaration (see sharedMergedValue). A merge is marked by the library that made
 * it; a type made with another merge (a user's, or `t // { merge }`) is not.
 */
const pathFreeMerges = new WeakSet<object>();
export function pathFreeMerge<M extends (loc: string[], defs: Definition[]) => unknown>(merge: M): M {
  pathFreeMerges.add(merge);
  return merge;
}
pathFreeMerge(defaultMerge);
/** Does `t`'s merge depend on nothing but the definitions? */
export const hasPathFreeMerge = (t: OptionType): boolean => pathFreeMerges.has(t.merge);
/** `merge`, marked as path-free when every type it hands definitions to is (a composite type's). */
export const pathFreeIf = <M extends (loc: string[], defs: Definition[]) => unknown>(
  parts: readonly OptionType[],
  merge: M,
): M => (parts.every(hasPathFreeMerge) ? pathFreeMerge(merge) : merge);

/** `t // { ... }` for types: a copy with some parts replaced, lazy parts (description) kept lazy. */
export function overrideType<T>(t: OptionType<any>, parts: Partial<OptionType<T>>): OptionType<T> {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(t));
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(parts))) {
    Object.defineProperty(out, k, { ...d, configurable: true, enumerable: true });
  }
  return out as OptionType<T>;
}

export const isOptionType = (v: unknown): v is OptionType =>
  typeof v === "object" && v !== null && (v as { _type?: unknown })._type === "option-type";

/** Parenthesize a type's description unless its class reads well unparenthesized. */
export const optionDescriptionPhrase = (unparenthesize: (c: DescriptionClass) => boolean, t: OptionType): string =>
  unparenthesize(t.descriptionClass) ? t.description : `(${t.description})`;
