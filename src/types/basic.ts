/** The simple option types: values checked at their root and merged by equality or concatenation. */
import { activeLibRevision } from "../lib/lib-revision.js";
import { nullProto } from "../lib/attrs-lazy.js";
import { cells, lookupGetter, setCell } from "../lib/cells.js";
import { throwError } from "../lib/errors.js";
import type { Definition } from "../lib/module-types.js";
import { nixEquals, typeOf } from "../lib/nix/attrsets.js";
import { match, matcher } from "../lib/nix/regex.js";
import { escapeNixString } from "../lib/nix/strings.js";
import { warn } from "../lib/nix/trivial.js";
import {
  getFiles,
  getValues,
  mergeEqualOption,
  mergeOneOption,
  showDefs,
  showFiles,
  showOption,
} from "../lib/options.js";
import {
  defaultFunctor,
  defaultTypeMerge,
  mkOptionType,
  pathFreeIf,
  pathFreeMerge,
  type OptionType,
} from "./option-type.js";
import {
  isDerivation,
  isStorePath,
  isStringLike,
  NixAttrs,
  NixBool,
  NixFloat,
  NixInt,
  NixString,
  stringOf,
  storeDir,
  type Derivation,
} from "./values.js";

/** A simple type registers itself as its functor's type, so two declarations of it merge. */
function simple<T>(t: OptionType<T>): OptionType<T> {
  t.functor.type = t;
  return t;
}

export const raw = simple(
  mkOptionType<unknown>({ name: "raw", description: "raw value", descriptionClass: "noun", merge: mergeOneOption }),
);

export const unspecified = simple(
  mkOptionType<unknown>({ name: "unspecified", description: "unspecified value", descriptionClass: "noun" }),
);

export const bool = simple(
  mkOptionType<boolean>({
    name: "bool",
    description: "boolean",
    descriptionClass: "noun",
    check: NixBool.is,
    merge: mergeEqualOption,
  }),
);

export const int = simple(
  mkOptionType<number>({
    name: "int",
    description: "signed integer",
    descriptionClass: "noun",
    check: NixInt.is,
    merge: mergeEqualOption,
  }),
);

export const float = simple(
  mkOptionType<number>({
    name: "float",
    description: "floating point number",
    descriptionClass: "noun",
    check: NixFloat.is,
    merge: mergeEqualOption,
  }),
);

export const str = simple(
  mkOptionType<string>({
    name: "str",
    description: "string",
    descriptionClass: "noun",
    check: NixString.is,
    merge: mergeEqualOption,
  }),
);

export const nonEmptyStr = simple(
  mkOptionType<string>({
    name: "nonEmptyStr",
    description: "non-empty string",
    descriptionClass: "noun",
    check: (x) => str.check(x) && match("[ \t\n]*", x as string) === null,
    merge: str.merge,
  }),
);

export const strMatching = (pattern: string): OptionType<string> => {
  const matches = matcher(pattern);
  const functor = { ...defaultFunctor("strMatching"), payload: { pattern } } as ReturnType<
    typeof defaultFunctor
  >;
  functor.binOp = (a: { pattern: string }, b: { pattern: string }) => (a.pattern === b.pattern ? a : null);
  functor.type = (p: { pattern: string }) => strMatching(p.pattern);
  return mkOptionType<string>({
    name: `strMatching ${escapeNixString(pattern)}`,
    description: `string matching the pattern ${pattern}`,
    descriptionClass: "noun",
    check: (x) => str.check(x) && matches(x as string),
    merge: str.merge,
    // Two declarations of one pattern merge in the 2025-06 lib; in the 2023-07 lib, none do.
    typeMerge: (f) =>
      activeLibRevision() === "2023-07"
        ? null
        : f.name === "strMatching"
          ? defaultTypeMerge(functor)(f)
          : null,
    functor,
  });
};

const singleLine = strMatching("[^\n\r]*\n?");
export const singleLineStr = simple(
  mkOptionType<string>({
    name: "singleLineStr",
    description: "(optionally newline-terminated) single-line string",
    descriptionClass: "noun",
    check: singleLine.check,
    merge: pathFreeIf([singleLine], (loc, defs) => {
      const s = singleLine.merge(loc, defs);
      return s.endsWith("\n") ? s.slice(0, -1) : s;
    }),
  }),
);

export const separatedString = (sep: string): OptionType<string> => {
  const functor = { ...defaultFunctor("separatedString"), payload: sep } as ReturnType<typeof defaultFunctor>;
  functor.binOp = (a: string, b: string) => (a === b ? a : null);
  functor.type = separatedString;
  return mkOptionType<string>({
    name: "separatedString",
    description: sep === "" ? "Concatenated string" : `strings concatenated with ${JSON.stringify(sep)}`,
    descriptionClass: "noun",
    check: NixString.is,
    merge: pathFreeMerge((_loc, defs) => (getValues(defs) as string[]).join(sep)),
    functor,
  });
};

export const lines = separatedString("\n");
export const commas = separatedString(",");
export const envVar = separatedString(":");
/**
 * `types.string`, deprecated: the 2023-07 lib warns of each option of this type read (its
 * `deprecationMessage`), the 2025-06 lib once, when the type is first used (deprecatedString).
 */
export const string: OptionType<string> = Object.defineProperty(
  { ...separatedString(""), name: "string" },
  "deprecationMessage",
  {
    enumerable: true,
    get: () =>
      activeLibRevision() === "2023-07"
        ? "See https://github.com/NixOS/nixpkgs/pull/66346 for better alternative types."
        : null,
  },
) as OptionType<string>;
let stringWarned = false;
/** `types.string` as a module gets it: with the 2025-06 lib, the first use warns. */
export function deprecatedString(): OptionType<string> {
  if (!stringWarned && activeLibRevision() !== "2023-07") {
    stringWarned = true;
    warn(
      "The type `types.string` is deprecated. See https://github.com/NixOS/nixpkgs/pull/66346 for better alternative types.",
      undefined,
    );
  }
  return string;
}

export const attrs = simple(
  mkOptionType<Record<string, unknown>>({
    name: "attrs",
    description: "attribute set",
    check: NixAttrs.is,
    merge: (_loc, defs) => {
      const out = nullProto();
      for (const d of defs) for (const [n, c] of cells(d.value)) setCell(out, n, c);
      return out;
    },
    emptyValue: { value: {} },
  }),
);

/** A derivation from a store path string (Nix's toDerivation, without context). */
function toDerivation(path: string): Derivation {
  const drv = { type: "derivation" as const, name: path.slice(path.lastIndexOf("/") + 1).replace(/^[^-]*-/, ""), outPath: path, outputs: ["out"] };
  Object.defineProperty(drv, "toString", { value: () => path, enumerable: false });
  return drv;
}

/**
 * Getters of `outPath` that give the same value at every read (a package set's own, which
 * hashes once: src/modules/pkgs.ts): a derivation with one is a value as it is.
 */
const stableOutPaths = new WeakSet<object>();
export const markStableOutPath = (get: () => unknown): void => void stableOutPaths.add(get);

/**
 * A derivation whose `outPath` is a getter (not one markStableOutPath knows) as a value: a copy
 * with the path read once, so that what is checked, kept and rendered is one path. (In Nix a
 * value is what it is; a getter may give another path at each read, one that passes a check
 * and then one that does not.) Anything else is itself.
 */
function settledDerivation(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  const get = lookupGetter.call(v, "outPath") as (() => unknown) | undefined;
  if (get === undefined || stableOutPaths.has(get)) return v;
  const descriptors = Object.getOwnPropertyDescriptors(v);
  descriptors.outPath = { value: get.call(v), enumerable: true, writable: false, configurable: true };
  return Object.create(Object.getPrototypeOf(v) as object | null, descriptors) as unknown;
}

export const pkg = simple(
  mkOptionType<Derivation>({
    name: "package",
    descriptionClass: "noun",
    check: (x) => isDerivation(x) || isStorePath(x),
    // The value is the derivation with its path read once, checked again by the type this merge
    // is the merge of (`this`: a package type with a check of its own, such as a path pattern,
    // keeps this merge), so that the value kept is one that passed the check.
    merge: pathFreeMerge(function (
      this: OptionType | undefined,
      loc: string[],
      defs: Definition[],
    ): Derivation {
      const res = mergeOneOption(loc, defs);
      if (typeof res === "string") return toDerivation(res);
      const settled = settledDerivation(res) as Derivation;
      const check = this?.check ?? ((x: unknown) => isDerivation(x) || isStorePath(x));
      if (settled !== res && !check(settled)) {
        throwError(
          `A definition for option \`${showOption(loc)}' is not of type \`${this?.description ?? "package"}'. Definition values:${showDefs([{ file: defs[0]!.file, value: settled }])}\n` +
            `(its outPath, read again for the value, is ${JSON.stringify(settled.outPath)}: a getter giving another path at each read)`,
        );
      }
      return settled;
    }),
  }),
);

export const shellPackage: OptionType<Derivation> = {
  ...pkg,
  check: (x) => isDerivation(x) && "shellPath" in (x as object),
};

export const path = simple(
  mkOptionType<string>({
    name: "path",
    // (The 2025-06 lib's `pathWith { absolute = true; }` says what it checks.)
    description: () => (activeLibRevision() === "2023-07" ? "path" : "absolute path"),
    descriptionClass: "noun",
    check: (x) => isStringLike(x) && stringOf(x).startsWith("/"),
    merge: mergeEqualOption,
  }),
);

export const pathInStore = simple(
  mkOptionType<string>({
    name: "pathInStore",
    description: "path in the Nix store",
    descriptionClass: "noun",
    check: (x) =>
      isStringLike(x) &&
      (activeLibRevision() === "2023-07"
        ? match(`${storeDir}/[^.].*`, stringOf(x)) !== null
        : hasStorePathPrefix(stringOf(x))),
    merge: mergeEqualOption,
  }),
);

/**
 * The 2025-06 lib's test of a path in the store (`lib.path.hasStorePathPrefix (/. + s)`): `s`
 * as an absolute path, made canonical, is below a store path (`/nix/store/<32 characters>-<name>`),
 * or starts with a name of 52 digits and lowercase letters (a content-addressed derivation's).
 */
function hasStorePathPrefix(s: string): boolean {
  const components: string[] = [];
  for (const c of s.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") components.pop();
    else components.push(c);
  }
  const store = storeDir.split("/").filter((c) => c !== "");
  const below =
    components.length > store.length &&
    store.every((c, i) => components[i] === c) &&
    /^[^\n]{32}-[^\n]+$/.test(components[store.length]!);
  return below || (components.length > 0 && /^[0-9a-z]{52}$/.test(components[0]!));
}

const showEnumValue = (v: unknown): string =>
  typeof v === "string"
    ? `"${v}"`
    : NixInt.is(v)
      ? String(v)
      : typeof v === "boolean"
        ? String(v)
        : `<${v === null ? "null" : Array.isArray(v) ? "list" : typeof v === "object" ? "set" : typeof v === "function" ? "lambda" : "float"}>`;

export const enumOf = <const V extends string | number | boolean | null>(
  values: readonly V[],
): OptionType<V> => {
  const functor = { ...defaultFunctor("enum"), payload: values } as ReturnType<typeof defaultFunctor>;
  functor.binOp = (a: V[], b: V[]) => {
    const out: V[] = [];
    for (const v of [...a, ...b]) if (!out.some((o) => nixEquals(o, v))) out.push(v);
    return out;
  };
  functor.type = enumOf;
  return mkOptionType<V>({
    name: "enum",
    description:
      values.length === 0
        ? "impossible (empty enum)"
        : values.length === 1
          ? `value ${showEnumValue(values[0])} (singular enum)`
          : `one of ${values.map(showEnumValue).join(", ")}`,
    descriptionClass: values.length < 2 ? "noun" : "conjunction",
    check: (x) => values.some((v) => nixEquals(v, x)),
    merge: mergeEqualOption,
    functor,
  });
};

/** `anything`: values of any kind, attribute sets merged recursively. */
export const anything: OptionType<unknown> = simple(
  mkOptionType<unknown>({
    name: "anything",
    description: "anything",
    descriptionClass: "noun",
    merge: (loc, defs) => mergeAnything(loc, defs),
  }),
);

let attrsOfAnything: OptionType | undefined;
let listOfAnything: OptionType | undefined;
/** Wired by compound.ts (attrsOf and listOf live there). */
export const setAnythingParts = (a: OptionType, l: OptionType): void => {
  attrsOfAnything = a;
  listOfAnything = l;
};

function mergeAnything(loc: string[], defs: Definition[]): unknown {
  const getType = (v: unknown): string =>
    NixAttrs.is(v) && isStringLike(v) ? "stringCoercibleSet" : typeOf(v);
  const common = getType(defs[0]!.value);
  for (const d of defs) {
    if (getType(d.value) !== common) {
      throwError(
        `The option \`${showOption(loc)}' has conflicting option types in ${showFiles(getFiles(defs))}`,
      );
    }
  }
  switch (common) {
    case "set":
      return attrsOfAnything!.merge(loc, defs);
    case "list":
      // (The 2025-06 lib merges lists as any other value: definitions all equal, taken as they are.)
      if (activeLibRevision() !== "2023-07") return mergeEqualOption(loc, defs);
      if (defs.length > 1)
        throwError(
          `The option \`${showOption(loc)}' has conflicting definitions, in ${showFiles(getFiles(defs))}.`,
        );
      return listOfAnything!.merge(loc, defs);
    case "stringCoercibleSet":
      return mergeOneOption(loc, defs);
    case "lambda":
      return (arg: unknown) =>
        mergeAnything(
          [...loc, "<function body>"],
          defs.map((d) => ({ file: d.file, value: (d.value as (a: unknown) => unknown)(arg) })),
        );
    default:
      return mergeEqualOption(loc, defs);
  }
}

export const optionType = simple(
  mkOptionType<OptionType>({
    name: "optionType",
    description: "optionType",
    descriptionClass: "noun",
    check: (v) => NixAttrs.is(v) && v._type === "option-type",
    merge: (loc, defs) => {
      if (defs.length === 1) return defs[0]!.value as OptionType;
      return mergeOptionTypes!(loc, defs);
    },
  }),
);
let mergeOptionTypes: ((loc: string[], defs: Definition[]) => OptionType) | undefined;
export const setMergeOptionTypes = (f: typeof mergeOptionTypes): void => {
  mergeOptionTypes = f;
};
