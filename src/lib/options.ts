/**
 * Option declarations (mkOption and friends), the merge functions shared by
 * many types, and the way options and definitions are shown in messages.
 */
import { AbortError, caughtByTryEval, throwError } from "./errors.js";
import type { Definition } from "./module-types.js";
import { nixEquals, showAttrPath } from "./nix/attrsets.js";
import { toPretty, withRecursion } from "./nix/generators.js";
import { escapeNixIdentifier } from "./nix/strings.js";
import { activeLibRevision } from "./lib-revision.js";
import { hasPathFreeMerge, pathFreeMerge, setDefaultMerge, type OptionType } from "../types/option-type.js";
import { isAttrs, nullProto } from "./attrs-lazy.js";
import { cells, forEachCell, setCell } from "./cells.js";
import { force } from "./lazy.js";

/** What `mkOption` takes. `T`: the merged value's type; `V`: the option's value (after `apply`). */
export interface OptionSpec<T = unknown, V = T> {
  type?: OptionType<T>;
  default?: T | unknown;
  defaultText?: unknown;
  example?: unknown;
  description?: string | null;
  relatedPackages?: unknown;
  apply?: (value: T) => V;
  internal?: boolean;
  visible?: boolean | "shallow";
  readOnly?: boolean;
}

/** An option declaration: `mkOption { ... }`. */
export type OptionDecl<T = unknown, V = T> = OptionSpec<T, V> & { readonly _type: "option" };

export const isOption = (v: unknown): v is OptionDecl =>
  typeof v === "object" && v !== null && (v as { _type?: unknown })._type === "option";

/**
 * Declare an option. Keys left undefined are absent, as in Nix; a getter
 * (`get default() { ... }`) stays lazy, so a default may read `config`.
 */
export function mkOption<T = unknown, V = T>(spec: OptionSpec<T, V> = {}): OptionDecl<T, V> {
  const o = nullProto();
  for (const [k, c] of cells(spec)) if (c !== undefined) setCell(o, k, c);
  o._type = "option";
  return o as OptionDecl<T, V>;
}

let typesRef:
  { bool: OptionType<boolean>; package: OptionType; nullOr: (t: OptionType) => OptionType } | undefined;
/** Wired by src/types/index.ts (avoids an import cycle). */
export const setTypes = (t: typeof typesRef): void => {
  typesRef = t;
};

/** `mkEnableOption name`: a boolean option, false by default. */
export const mkEnableOption = (name: string): OptionDecl<boolean> =>
  mkOption({
    default: false,
    example: true,
    description: `Whether to enable ${name}.`,
    type: typesRef!.bool,
  });

export const literalExpression = (text: string): { _type: "literalExpression"; text: string } => {
  if (typeof text !== "string") throwError("literalExpression expects a string.");
  return { _type: "literalExpression", text };
};
export const literalMD = (text: string): { _type: "literalMD"; text: string } => {
  if (typeof text !== "string") throwError("literalMD expects a string.");
  return { _type: "literalMD", text };
};
/** A no-op marker, kept so translated modules read like the Nix. */
export const mdDoc = (s: string): string => s;

/**
 * `mkPackageOption pkgs name { nullable, default, example, extraDescription, pkgsText }`. The
 * attribute path of the default (and of an example given as a path) is shown as the lib in
 * force shows it: the 2023-07 lib joins its names with dots, the 2025-06 lib quotes those that
 * need it (`pkgs."123".hello`), after `pkgsText` (the 2025-06 lib's; "pkgs" by default).
 */
export function mkPackageOption(
  pkgs: Record<string, unknown>,
  name: string | string[],
  opts: {
    nullable?: boolean;
    default?: string | string[] | null;
    example?: string | string[] | null;
    extraDescription?: string;
    pkgsText?: string;
  } = {},
): OptionDecl {
  const { nullable = false, example = null, extraDescription = "", pkgsText = "pkgs" } = opts;
  const dflt = opts.default === undefined ? name : opts.default;
  const shown = Array.isArray(name) ? name[name.length - 1] : name;
  const showPath = (path: readonly string[]): string =>
    activeLibRevision() === "2023-07" ? path.join(".") : showAttrPath(path);
  const spec: OptionSpec = {
    type: nullable ? typesRef!.nullOr(typesRef!.package) : typesRef!.package,
    description: `The ${shown} package to use.` + (extraDescription === "" ? "" : " ") + extraDescription,
  };
  if (dflt != null) {
    const path = Array.isArray(dflt) ? dflt : [dflt];
    const shownPath = showPath(path);
    // Lazy as in Nix: a missing package fails only when the default is used.
    Object.defineProperty(spec, "default", {
      enumerable: true,
      configurable: true,
      get: () => {
        let v: unknown = pkgs;
        for (const p of path) {
          // `pkgs ? p`: an own attribute (`"constructor" in {}` is true in JavaScript).
          if (!isAttrs(v) || !Object.prototype.propertyIsEnumerable.call(v, p)) {
            throwError(
              `${shownPath} cannot be found in ${activeLibRevision() === "2023-07" ? "pkgs" : pkgsText}`,
            );
          }
          v = (v as Record<string, unknown>)[p];
        }
        return v;
      },
    });
    spec.defaultText = literalExpression(`${pkgsText}.${shownPath}`);
  } else if (nullable) spec.default = null;
  if (example != null) {
    spec.example = literalExpression(Array.isArray(example) ? `${pkgsText}.${showPath(example)}` : example);
  }
  return mkOption(spec);
}

const specialIdentifiers = new Set(["<name>", "*", "<function body>"]);

/**
 * The path of an attribute below `prefix`, as an array of exactly its length (a spread
 * or `push` leaves room to grow, and these paths are kept by every option and value).
 */
export function childLoc(prefix: readonly string[], name: string): string[] {
  const n = prefix.length;
  const out = new Array<string>(n + 1);
  for (let i = 0; i < n; i++) out[i] = prefix[i]!;
  out[n] = name;
  return out;
}

/**
 * Is `p` a placeholder, not a name (shown unquoted)? `*`, `<name>` and `<function body>`; in
 * the 2025-06 lib, any `<...>`.
 */
const isPlaceholder = (p: string): boolean =>
  specialIdentifiers.has(p) ||
  (p.charCodeAt(0) === 60 &&
    p.charCodeAt(p.length - 1) === 62 &&
    p.length > 1 &&
    activeLibRevision() !== "2023-07");

/** `a.b."c.d"`: an option path as users write it. */
export const showOption = (loc: readonly string[]): string =>
  loc.map((p) => (isPlaceholder(p) ? p : escapeNixIdentifier(p))).join(".");

export const showFiles = (files: readonly string[]): string => files.map((f) => `\`${f}'`).join(" and ");

/** The values of definitions, each pretty-printed (five lines at most), with its file. */
export function showDefs(defs: readonly Definition[]): string {
  return defs
    .map((def) => {
      let printed: string | undefined;
      try {
        printed = toPretty(withRecursion({ depthLimit: 10, throwOnDepthLimit: false })(force(def.value)));
      } catch (e) {
        // (As Nix's tryEval: a `throw` is caught, and the definition shown without a value.)
        if (!caughtByTryEval(e)) throw e;
        printed = undefined;
      }
      if (printed === undefined) return `\n- In \`${def.file}'`;
      const lines = printed.split("\n");
      const shown = [...lines.slice(0, 5), ...(lines.length > 5 ? ["..."] : [])].join("\n    ");
      return `\n- In \`${def.file}'` + (lines.length > 1 ? ":\n    " + shown : ": " + shown);
    })
    .join("");
}

const prioritySuggestion =
  "Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.\n";

export const getValues = <T>(defs: readonly Definition<T>[]): T[] => defs.map((d) => d.value);
export const getFiles = (defs: readonly Definition[]): string[] => defs.map((d) => d.file);

/** All definitions must be equal. */
export const mergeEqualOption = pathFreeMerge(function mergeEqualOption(
  loc: string[],
  defs: Definition[],
): any {
  if (defs.length === 0) throw new AbortError("This case should never happen.");
  const first = defs[0]!;
  for (let i = 1; i < defs.length; i++) {
    const def = defs[i]!;
    if (!nixEquals(def.value, first.value)) {
      throwError(
        `The option \`${showOption(loc)}' has conflicting definition values:${showDefs([first, def])}\n${prioritySuggestion}`,
      );
    }
  }
  return first.value;
});

/**
 * Require a single definition: its value, or, given `merge` (the 2025-06 lib's), that
 * definition merged by it (so that a type's merge checks what its `check` does not).
 */
export function mergeUniqueOption({
  message,
  merge,
}: {
  message: string;
  merge?: (loc: string[], defs: Definition[]) => any;
}): (loc: string[], defs: Definition[]) => any {
  const single = (loc: string[], defs: Definition[]): any => {
    if (defs.length === 1) return merge === undefined ? defs[0]!.value : merge(loc, defs);
    return throwError(
      `The option \`${showOption(loc)}' is defined multiple times while it's expected to be unique.\n${message}\nDefinition values:${showDefs(defs)}\n${prioritySuggestion}`,
    );
  };
  return merge === undefined || hasPathFreeMerge({ merge } as OptionType) ? pathFreeMerge(single) : single;
}

/** Require a single definition, its value as it is (no merge of its own: no nested checks). */
export const mergeOneOption = mergeUniqueOption({ message: "" });

const typeOfValue = (v: unknown): string =>
  Array.isArray(v) ? "list" : typeof v === "function" ? "lambda" : isAttrs(v) ? "set" : typeof v;

/** The merge of types that don't say how to merge: by the kind of the values. */
export function mergeDefaultOption(loc: string[], defs: Definition[]): any {
  const list = getValues(defs);
  if (list.length === 1) return list[0];
  const all = (k: string): boolean => list.every((v) => typeOfValue(v) === k);
  if (all("lambda"))
    return (x: unknown) =>
      mergeDefaultOption(
        loc,
        defs.map((d) => ({ ...d, value: (d.value as (a: unknown) => unknown)(x) })),
      );
  if (all("list")) return (list as unknown[][]).flat(1);
  if (all("set")) {
    // `foldl' mergeAttrs {}`: the attributes, later ones winning, their values unevaluated
    // (as cells: a getter is not moved to another object, where it might not find its state).
    const out = nullProto();
    for (const v of list) forEachCell(v, (n, c) => setCell(out, n, c));
    return out;
  }
  if (all("boolean")) return list.some((v) => v === true);
  if (all("string")) return (list as string[]).join("");
  if (list.every((v) => Number.isInteger(v)) && list.every((v) => v === list[0])) return list[0];
  return throwError(`Cannot merge definitions of \`${showOption(loc)}'. Definition values:${showDefs(defs)}`);
}
setDefaultMerge(mergeDefaultOption);

export const unknownModule = "<unknown-file>";
