/**
 * The declarations of one option merged (Nix's mergeOptionDecls and fixupOptionType),
 * and the templates that option records are made from: a merged declaration is the same
 * for every instance of a submodule, so it is made once and each record copies it.
 */
import { defineGetter, nullProto } from "./attrs-lazy.js";
import { cells, setCell, updateCells, type Cell } from "./cells.js";
import { EvalError, throwError } from "./errors.js";
import { activeLibRevision } from "./lib-revision.js";
import { force } from "./lazy.js";
import type { Module } from "./module-types.js";
import { showFiles, showOption } from "./options.js";
import { shareDefinitions } from "./merged-definitions.js";
import { attachValue, type DefaultDef, type OptionValue } from "./option-value.js";
import { mkOptionDefault } from "./properties.js";
import { describeType } from "./nix/attrsets.js";
import type { OptionType } from "../types/option-type.js";
import * as T from "../types/index.js";

/** An option tree (or one option) as one module declares it. */
export interface Decl {
  _file: string;
  options: unknown;
}

/** Merge the declarations of one option (several modules may declare it when types merge). */
export function mergeOptionDecls(loc: string[], opts: readonly Decl[]): Record<string, any> {
  const out = nullProto();
  setCell(out, "loc", loc);
  for (const [n, c] of mergeOptionDeclCells(loc, opts)) setCell(out, n, c);
  return out;
}

/** mergeOptionDecls' fields but `loc`, as cells in their order. */
export function mergeOptionDeclCells(loc: string[], opts: readonly Decl[]): Map<string, Cell> {
  // `res = o // res // { declarations, options } // { type }` for each declaration in turn,
  // kept as cells and made into one object at the end.
  const res = new Map<string, Cell>([
    ["declarations", []],
    ["options", []],
  ]);
  for (const opt of opts) {
    const o = opt.options as Record<string, any>;
    if ("type" in o && o.type !== undefined) {
      // (A set with `_type = "option-type"` made by hand, without mkOptionType, may lack what a
      // type has: named here rather than failing when the option is read.)
      const t = o.type as Record<string, unknown>;
      const what = !T.types.isOptionType(t)
        ? describeType(t)
        : typeof t.check !== "function"
          ? "a set whose `check' is not a function"
          : typeof t.merge !== "function"
            ? "a set whose `merge' is not a function"
            : null;
      if (what !== null) {
        throwError(
          `The option \`${showOption(loc)}' in \`${opt._file}' is declared with a \`type' that is not an option type (it is ${what})` +
            (T.types.isOptionType(t)
              ? "\n(make option types with mkOptionType, which gives them all they need)"
              : ""),
        );
      }
    }
    const bothHave = (k: string): boolean => k in o && res.has(k);
    let mergedType: OptionType | null = null;
    if (bothHave("type")) {
      const t = force(res.get("type")) as OptionType;
      if (t.name === "coercedTo" && activeLibRevision() === "2023-07") coercedToTwice(loc);
      mergedType = t.typeMerge((o.type as OptionType).functor);
    }
    const declarations = res.get("declarations") as string[];
    if (
      bothHave("default") ||
      bothHave("example") ||
      bothHave("description") ||
      bothHave("apply") ||
      (bothHave("type") && mergedType === null)
    ) {
      throwError(
        `The option \`${showOption(loc)}' in \`${opt._file}' is already declared in ${showFiles(declarations)}.`,
      );
    }
    const getSubModules = (o.type as OptionType | undefined)?.getSubModules ?? null;
    const options = res.get("options") as unknown[];
    const submodules =
      getSubModules !== null
        ? [...getSubModules.map((m) => ({ _file: opt._file, imports: [m] })), ...options]
        : options;
    for (const [n, c] of cells(o)) if (!res.has(n) && n !== "loc") res.set(n, c);
    res.set("declarations", [...declarations, opt._file]);
    res.set("options", submodules);
    if (mergedType) res.set("type", mergedType);
  }
  return res;
}

/**
 * The 2023-07 lib's `coercedTo` declared again: its `typeMerge` takes two arguments, so the
 * merged "type" is a function, which reading the option finds is no attribute set.
 */
function coercedToTwice(loc: readonly string[]): never {
  const e = new EvalError("value is a function while a set was expected");
  e.addHint(
    `(the option \`${showOption(loc)}' is declared more than once, first with a types.coercedTo: the 2023-07 lib cannot merge that type with any other)`,
  );
  throw e;
}

/**
 * Option records are objects of one prototype that has no properties, not
 * `Object.create(null)` objects: V8 keeps those as hash tables, while records made
 * field by field in the same order share their layout. A record still has only its
 * own attributes (`"toString" in record` is false).
 */
const recordProto: object = Object.freeze(Object.create(null) as object);

/** A field of a merged declaration: a value, or the getter of a lazy one. */
type TemplateField = { name: string; value: unknown; get?: undefined } | { name: string; get: () => unknown };

/**
 * A merged declaration ready to be made into option records, fixupOptionType done; with
 * the definition its default makes (the same for every instance).
 */
export interface OptionTemplate {
  fields: readonly TemplateField[];
  /** The fields as an object (without `loc`): what an option's value reads of its declaration. */
  decl: Record<string, any>;
  defaultDef: DefaultDef | null;
  defaultAlone?: readonly DefaultDef[];
}

export function fixupTemplate(res: Map<string, Cell>): OptionTemplate {
  const t = force(res.get("type")) as OptionType | undefined;
  if (t?.getSubModules == null) res.set("type", t ?? T.types.unspecified);
  else {
    res.set("type", t.substSubModules(res.get("options") as Module[]));
    res.set("options", []);
  }
  // A lazy field keeps one getter, shared by the records of every instance.
  const probe = nullProto();
  for (const [n, c] of res) setCell(probe, n, c);
  const fields = [...res.keys()].map((name): TemplateField => {
    const d = Object.getOwnPropertyDescriptor(probe, name)!;
    return d.get ? { name, get: d.get as () => unknown } : { name, value: d.value };
  });
  // The default's cell itself (a lazy default stays lazy, computed once for all instances).
  const declarations = res.get("declarations") as string[];
  const defaultDef = res.has("default")
    ? { file: declarations[0]!, value: mkOptionDefault(res.get("default")) }
    : null;
  // Shared by every instance: frozen, so that no one can change it for the others.
  if (defaultDef) Object.freeze(defaultDef);
  return {
    fields,
    decl: probe,
    defaultDef,
    ...(defaultDef ? { defaultAlone: shareDefinitions(Object.freeze([defaultDef])) } : {}),
  };
}

/** The option record of a template at `loc`, with its value. */
export function instantiate(
  template: OptionTemplate,
  loc: string[],
  value: OptionValue,
): Record<string, any> {
  const out = Object.create(recordProto) as Record<string, any>;
  out.loc = loc;
  for (const f of template.fields) {
    if (f.get !== undefined) defineGetter(out, f.name, f.get);
    else if (f.name === "__proto__")
      Object.defineProperty(out, f.name, {
        value: f.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else out[f.name] = f.value;
  }
  return attachValue(out, value);
}

/** Give submodule types the modules declared for them, or default the type to `unspecified`. */
export function fixupOptionType(_loc: string[], opt: Record<string, any>): Record<string, any> {
  const t = opt.type as OptionType | undefined;
  if (t?.getSubModules == null) return updateCells(opt, { type: t ?? T.types.unspecified });
  return updateCells(opt, { type: t.substSubModules(opt.options), options: [] });
}
