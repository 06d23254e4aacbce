/**
 * Merging: walk the declarations and definitions of all modules together
 * (Nix's mergeModules'), merge the declarations of each option
 * (mergeOptionDecls), and merge the definitions of each option into its value
 * (evalOptionValue, mergeDefinitions). Everything is lazy: an option's value
 * is computed when first read, once.
 */
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { pipe } from "fp-ts/lib/function.js";
import { compareCodeUnits, isAttrs, nullProto, sortedNames } from "./attrs-lazy.js";
import { cells, setCell, type Cell } from "./cells.js";
import { addErrorContext, EvalError, throwError } from "./errors.js";
import { force, Lazy, recursionError, type Label } from "./lazy.js";
import type { Definition, Module, UnifiedModule } from "./module-types.js";
import { childLoc, isOption, showDefs, showFiles, showOption } from "./options.js";
import {
  dischargeProperties,
  filterOverridesPrime,
  highestPriority,
  mkOptionDefault,
  pushDownProperties,
  sortProperties,
  typeTag,
  type Def,
} from "./properties.js";
import { warn } from "./nix/trivial.js";
import { describeType, typeOf } from "./nix/attrsets.js";
import type { OptionType } from "../types/option-type.js";
import * as T from "../types/index.js";

/** A definition that no option matched, with the path below the level where it left the declared tree. */
export interface UnmatchedDef {
  file: string;
  value: Cell;
  prefix: string[];
}

export interface MergedModules {
  matchedOptions: Record<string, any>;
  unmatchedDefns: () => UnmatchedDef[];
  /**
   * The config of these options: each attribute an option's value (or a subtree's config),
   * read when first used. At the top (`top`), `_module` is there but not enumerable.
   */
  configTree: (top: boolean) => Record<string, unknown>;
}

interface Decl {
  _file: string;
  options: unknown;
}
interface Config {
  file: string;
  config: unknown;
}
interface RawDef {
  file: string;
  value: Cell;
}



function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * Merge a list of (collected, canonical) modules at `prefix`. The names of
 * the declared options are known without looking at any definition, so a
 * definition may test `options ? foo` or read `config` without a cycle.
 */
export function mergeModules(prefix: string[], modules: readonly UnifiedModule[]): MergedModules {
  const configs = new Lazy<Config[]>(() => {
    const out: Config[] = [];
    for (const m of modules)
      for (const config of pushDownProperties(force(m.config))) out.push({ file: m._file, config });
    return out;
  });
  return mergeModulesPrime(
    prefix,
    modules.map((m) => ({ _file: m._file, options: m.options })),
    configs,
  );
}

/**
 * What mergeModulesPrime learns from the declarations alone: the declarations of each
 * name, and for a name whose declarations are all options, its merged declaration. It
 * depends only on the option trees (objects) and files of the declarations, so it is
 * kept for those: every instance of a submodule whose modules declare their options in
 * objects made once (not by each call of a module function) shares it, and merges its
 * declarations once.
 */
interface DeclShape {
  byName: Map<string, Decl[]>;
  /** Merged declarations (fixed up, without `loc`) of the names found to be options. */
  templates: Map<string, OptionTemplate>;
  /** The getters of `matchedOptions` objects of this shape. */
  descriptors?: PropertyDescriptorMap;
  /** The getters of config objects of this shape, below the top and at the top. */
  configDescriptors?: [PropertyDescriptorMap | undefined, PropertyDescriptorMap | undefined];
}
/** A node of the cache: keyed by each declaration's option tree (identity), then its file. */
interface ShapeNode {
  next: WeakMap<object, Map<string, ShapeNode>>;
  shape?: DeclShape;
}
const shapeRoot: ShapeNode = { next: new WeakMap() };

function declShape(where: string, decls: readonly Decl[]): DeclShape {
  let node = shapeRoot;
  const subtrees: object[] = [];
  for (const m of decls) {
    const subtree = force(m.options);
    if (!isAttrs(subtree) || typeof subtree === "function") {
      throwError(
        `An option declaration for \`${where}' has type\n\`${typeOf(subtree)}' rather than an attribute set.\nDid you mean to define this outside of \`options'?\n`,
      );
    }
    subtrees.push(subtree);
    let byFile = node.next.get(subtree);
    if (byFile === undefined) node.next.set(subtree, (byFile = new Map()));
    let child = byFile.get(m._file);
    if (child === undefined) byFile.set(m._file, (child = { next: new WeakMap() }));
    node = child;
  }
  if (node.shape === undefined) {
    const byName = new Map<string, Decl[]>();
    decls.forEach((m, i) => {
      for (const [n, c] of cells(subtrees[i])) push(byName, n, { _file: m._file, options: force(c) });
    });
    node.shape = { byName, templates: new Map() };
  }
  return node.shape;
}

/**
 * The merged declaration of the option `name` of a shape (the same for every instance but
 * for `loc`), made on first use. Errors are not kept: each instance reports its own `loc`.
 */
function optionTemplate(shape: DeclShape, name: string, loc: string[], nameDecls: readonly Decl[]): OptionTemplate {
  let t = shape.templates.get(name);
  if (t === undefined) {
    t = fixupTemplate(mergeOptionDeclCells(loc, nameDecls));
    shape.templates.set(name, t);
  }
  return t;
}

export function mergeModulesPrime(prefix: string[], decls: readonly Decl[], configs: Lazy<Config[]>): MergedModules {
  return new ModulesMerge(prefix, declShape(prefix.join("."), decls), configs);
}

/** The slots of a `matchedOptions` object (a symbol: not an attribute). */
const SLOTS = Symbol("slots");

/**
 * The getters of `matchedOptions` and config objects read the slot of their position, so
 * one getter per position serves every shape. V8 shares an object's layout with others
 * built the same way, but gives up (and makes it a hash table) when the same name is
 * defined with a different getter than before on the same path; getters by position, and
 * a prototype of its own for each kind of object, keep every path consistent.
 */
const positionGetters = (read: (slot: NameSlot) => unknown) => {
  const made: (() => unknown)[] = [];
  return (i: number): (() => unknown) =>
    (made[i] ??= function (this: { [SLOTS]: NameSlot[] }) {
      return read(this[SLOTS][i]!);
    });
};
const optionsGetter = positionGetters((slot) => slot.get());
const configGetter = positionGetters((slot) => slot.configValue());

/** Prototypes without attributes: one per kind of object (see positionGetters). */
const emptyProto = (): object => Object.freeze(Object.create(null) as object);
const optionsProto = emptyProto();
const configProto = emptyProto();
const topConfigProto = emptyProto();

/** The getters of a shape's `matchedOptions` objects, defined in one step. */
function shapeDescriptors(shape: DeclShape): PropertyDescriptorMap {
  if (shape.descriptors) return shape.descriptors;
  const out: PropertyDescriptorMap = {};
  [...shape.byName.keys()].forEach((name, i) => {
    out[name] = { enumerable: true, configurable: true, get: optionsGetter(i) };
  });
  return (shape.descriptors = out);
}

/** The getters of a shape's config objects; `_module` is not enumerable at the top. */
function configDescriptors(shape: DeclShape, top: boolean): PropertyDescriptorMap {
  const cached = (shape.configDescriptors ??= [undefined, undefined]);
  const k = top ? 1 : 0;
  if (cached[k]) return cached[k];
  const out: PropertyDescriptorMap = {};
  [...shape.byName.keys()].forEach((name, i) => {
    out[name] = { enumerable: !(top && name === "_module"), configurable: true, get: configGetter(i) };
  });
  return (cached[k] = out);
}

/** mergeModulesPrime at one level: the declared names, each merged when first read. */
class ModulesMerge implements MergedModules {
  readonly matchedOptions: Record<string, any>;
  private readonly slots: NameSlot[];
  private readonly defns: Lazy<Map<string, RawDef[]>>;
  private unmatched: UnmatchedDef[] | undefined;

  constructor(
    readonly prefix: string[],
    readonly shape: DeclShape,
    private readonly configs: Lazy<Config[]>,
  ) {
    const where = prefix.join(".");
    this.defns = new Lazy(() => {
      const byName = new Map<string, RawDef[]>();
      for (const { file, config } of configs.force()) {
        const subtree = force(config);
        if (!isAttrs(subtree) || typeof subtree === "function") {
          throwError(
            `You're trying to define a value of type \`${typeOf(subtree)}'\nrather than an attribute set for the option\n\`${where}'!\n\nThis usually happens if \`${where}' has option\ndefinitions inside that are not matched. Please check how to properly define\nthis option by e.g. referring to \`man 5 configuration.nix'!\n`,
          );
        }
        for (const [n, c] of cells(subtree)) push(byName, n, { file, value: c });
      }
      return byName;
    });
    const slots = (this.slots = new Array<NameSlot>(shape.byName.size));
    let i = 0;
    for (const [name, nameDecls] of shape.byName) slots[i++] = new NameSlot(this, name, nameDecls);
    const matched = Object.create(optionsProto) as Record<string, any>;
    Object.defineProperty(matched, SLOTS, { value: this.slots });
    Object.defineProperties(matched, shapeDescriptors(shape));
    this.matchedOptions = matched;
  }

  defnsFor(name: string): RawDef[] {
    return this.defns.force().get(name) ?? [];
  }

  configTree(top: boolean): Record<string, unknown> {
    const out = Object.create(top ? topConfigProto : configProto) as Record<string, unknown>;
    Object.defineProperty(out, SLOTS, { value: this.slots });
    Object.defineProperties(out, configDescriptors(this.shape, top));
    return out;
  }

  pushedDown(name: string): Lazy<Config[]> {
    return new Lazy(() =>
      this.defnsFor(name).flatMap((d) => pushDownProperties(force(d.value)).map((config) => ({ file: d.file, config }))),
    );
  }

  unmatchedDefns(): UnmatchedDef[] {
    if (this.unmatched) return this.unmatched;
    if (this.configs.force().length === 0) return (this.unmatched = []);
    const byName = this.defns.force();
    // Usually every definition has its option: then there is nothing to collect or sort
    // (but every declared name is still looked at, as in Nix, for its errors).
    let none = true;
    for (const slot of this.slots) if (slot.unmatchedDefns().length > 0) none = false;
    for (const name of byName.keys()) if (!this.shape.byName.has(name)) none = false;
    if (none) return (this.unmatched = []);
    const slotOf = new Map(this.slots.map((s) => [s.name, s]));
    const names = new Set<string>([...slotOf.keys(), ...byName.keys()]);
    const out: UnmatchedDef[] = [];
    for (const name of [...names].sort(compareCodeUnits)) {
      const slot = slotOf.get(name);
      const defs: { file: string; value: Cell; prefix?: string[] }[] = slot
        ? slot.unmatchedDefns()
        : (byName.get(name) ?? []);
      for (const d of defs) out.push({ file: d.file, value: d.value, prefix: [name, ...(d.prefix ?? [])] });
    }
    return (this.unmatched = out);
  }
}

/** Where an option's value finds its definitions. */
interface DefsSource {
  defsOf(): readonly RawDef[];
}

/** One declared name of a ModulesMerge: an option or a subtree of options, found when first read. */
class NameSlot extends Lazy<any> implements DefsSource {
  /** Set once the declarations are looked at: an option (and its declarations) or a subtree. */
  private kind: "option" | "tree" | undefined;
  private optionDecls: readonly Decl[] | undefined;
  private loc: string[] | undefined;
  constructor(
    private readonly at: ModulesMerge,
    readonly name: string,
    private readonly decls: Decl[],
  ) {
    super();
  }

  /** The option's value and merging, made without its record (config reads need only these). */
  private optValue: OptionValue | undefined;
  /** The subtree's config object. */
  private subConfig: Record<string, unknown> | undefined;

  /** The option record, or the subtree's options. */
  get(): unknown {
    const kind = this.classify();
    const v = this.force();
    return kind === "option" ? v : (v as MergedModules).matchedOptions;
  }

  defsOf(): readonly RawDef[] {
    return this.at.defnsFor(this.name);
  }

  /** What `config` has here: the option's value, or the subtree's config. */
  configValue(): unknown {
    if (this.classify() === "option") return this.optionValue().force();
    return (this.subConfig ??= (this.force() as MergedModules).configTree(false));
  }

  private template(): OptionTemplate {
    return optionTemplate(this.at.shape, this.name, this.loc!, this.optionDecls!);
  }

  private optionValue(): OptionValue {
    if (this.optValue) return this.optValue;
    const t = this.template();
    return (this.optValue = new OptionValue(this.loc!, t.decl, this, t.defaultDef, t.defaultAlone));
  }

  /** The definitions no option matched (none for an option). */
  unmatchedDefns(): UnmatchedDef[] {
    return this.classify() === "option" ? [] : (this.force() as MergedModules).unmatchedDefns();
  }

  private classify(): "option" | "tree" {
    if (this.kind) return this.kind;
    const { at, name, decls } = this;
    const loc = (this.loc = childLoc(at.prefix, name));
    const optionDecls = decls.filter((d) => isOption(d.options));
    if (optionDecls.length === decls.length) {
      this.optionDecls = decls;
      return (this.kind = "option");
    }
    if (optionDecls.length > 0) {
      if (optionDecls.every((d) => (d.options as { type?: OptionType }).type?.name === "submodule")) {
        this.optionDecls = decls.map(optionTreeToOption);
        return (this.kind = "option");
      }
      const first = optionDecls[0]!;
      const nonOptions = decls.filter((d) => !isOption(d.options));
      throwError(
        `The option \`${showOption(loc)}' in module \`${first._file}' would be a parent of the following options, but its type \`${(first.options as { type?: OptionType }).type?.description ?? "<no description>"}' does not support nested options.\n${showRawDecls(loc, nonOptions)}`,
      );
    }
    return (this.kind = "tree");
  }

  /** The option record (made from the shape's template) or the merged subtree. */
  protected override compute(): unknown {
    const { at, name } = this;
    const kind = this.classify();
    const loc = this.loc!;
    if (kind === "tree") return mergeModulesPrime(loc, this.decls, at.pushedDown(name));
    return instantiate(this.template(), loc, this.optionValue());
  }
}

function showRawDecls(loc: string[], decls: readonly Decl[]): string {
  return decls
    .flatMap((d) =>
      sortedNames(d.options as object).map(
        (p) => ` - option(s) with prefix \`${showOption([...loc, p])}' in module \`${d._file}'`,
      ),
    )
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join("\n");
}

/** An option tree declared next to a submodule option becomes a submodule option itself. */
function optionTreeToOption(decl: Decl): Decl {
  if (isOption(decl.options)) return decl;
  return {
    ...decl,
    options: {
      _type: "option",
      type: T.types.submoduleWith({ modules: [{ options: decl.options }], shorthandOnlyDefinesConfig: null }),
    },
  };
}

/** `a // b` for declarations, keeping lazy attributes lazy. */
function update(...objs: object[]): Record<string, any> {
  const out = nullProto();
  for (const o of objs) for (const [n, c] of cells(o)) setCell(out, n, c);
  return out;
}

/** Merge the declarations of one option (several modules may declare it when types merge). */
export function mergeOptionDecls(loc: string[], opts: readonly Decl[]): Record<string, any> {
  const out = nullProto();
  setCell(out, "loc", loc);
  for (const [n, c] of mergeOptionDeclCells(loc, opts)) setCell(out, n, c);
  return out;
}

/** mergeOptionDecls' fields but `loc`, as cells in their order. */
function mergeOptionDeclCells(loc: string[], opts: readonly Decl[]): Map<string, Cell> {
  // `res = o // res // { declarations, options } // { type }` for each declaration in turn,
  // kept as cells and made into one object at the end.
  const res = new Map<string, Cell>([
    ["declarations", []],
    ["options", []],
  ]);
  for (const opt of opts) {
    const o = opt.options as Record<string, any>;
    if ("type" in o && o.type !== undefined && !T.types.isOptionType(o.type)) {
      throwError(
        `The option \`${showOption(loc)}' in \`${opt._file}' is declared with a \`type' that is not an option type (it is ${describeType(o.type)})`,
      );
    }
    const bothHave = (k: string): boolean => k in o && res.has(k);
    let mergedType: OptionType | null = null;
    if (bothHave("type")) mergedType = (force(res.get("type")) as OptionType).typeMerge((o.type as OptionType).functor);
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
      getSubModules !== null ? [...getSubModules.map((m) => ({ _file: opt._file, imports: [m] })), ...options] : options;
    for (const [n, c] of cells(o)) if (!res.has(n) && n !== "loc") res.set(n, c);
    res.set("declarations", [...declarations, opt._file]);
    res.set("options", submodules);
    if (mergedType) res.set("type", mergedType);
  }
  return res;
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
interface OptionTemplate {
  fields: readonly TemplateField[];
  /** The fields as an object (without `loc`): what an option's value reads of its declaration. */
  decl: Record<string, any>;
  defaultDef: DefaultDef | null;
  defaultAlone?: readonly DefaultDef[];
}

function fixupTemplate(res: Map<string, Cell>): OptionTemplate {
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
  const dflt = fields.find((f) => f.name === "default");
  const declarations = res.get("declarations") as string[];
  const defaultDef =
    dflt === undefined
      ? null
      : {
          file: declarations[0]!,
          value: mkOptionDefault(dflt.get !== undefined ? new Lazy(dflt.get) : dflt.value),
        };
  // Shared by every instance: frozen, so that no one can change it for the others.
  if (defaultDef) Object.freeze(defaultDef);
  return { fields, decl: probe, defaultDef, ...(defaultDef ? { defaultAlone: Object.freeze([defaultDef]) } : {}) };
}

const dataField = (value: unknown): PropertyDescriptor => ({ value, enumerable: true, configurable: true, writable: true });

/** The option record of a template at `loc`, with its value. */
function instantiate(template: OptionTemplate, loc: string[], value: OptionValue): Record<string, any> {
  const out = Object.create(recordProto) as Record<string, any>;
  out.loc = loc;
  for (const f of template.fields) {
    if (f.get !== undefined) Object.defineProperty(out, f.name, { enumerable: true, configurable: true, get: f.get });
    else if (f.name === "__proto__") Object.defineProperty(out, f.name, dataField(f.value));
    else out[f.name] = f.value;
  }
  return attachValue(out, value);
}

/** Give submodule types the modules declared for them, or default the type to `unspecified`. */
export function fixupOptionType(_loc: string[], opt: Record<string, any>): Record<string, any> {
  const t = opt.type as OptionType | undefined;
  if (t?.getSubModules == null) return update(opt, { type: t ?? T.types.unspecified });
  return update(opt, { type: t.substSubModules(opt.options), options: [] });
}

/** The definitions of an option after properties: discharged, filtered by priority, sorted. */
export interface FinalDefs {
  values: Def[];
  highestPrio: number;
}

/** Merging the definitions of one value of one type (Nix's mergeDefinitions). */
const NOT_YET: unique symbol = Symbol("not yet");

export class MergedDefinitions {
  private discharged: Def[] | undefined;
  /** defsFinal' as two fields (one object less for each option). */
  private finalValues: Def[] | undefined;
  private finalPrio = 0;
  private merged: unknown = NOT_YET;
  constructor(
    readonly loc: string[],
    readonly type: OptionType,
    readonly defs: readonly { file: string; value: unknown }[],
  ) {}

  /** mkMerge expanded and mkIf conditions evaluated; override contents not yet looked at. */
  private get dischargedDefs(): Def[] {
    if (this.discharged) return this.discharged;
    const out: Def[] = [];
    for (const m of this.defs) {
      const vs = addErrorContext(
        () => `while evaluating definitions from \`${m.file}':`,
        () => dischargeProperties(m.value),
      );
      // A plain value is its own only definition: keep the definition as it is.
      if (vs.length === 1 && vs[0] === m.value) out.push(m as Def);
      else for (const value of vs) out.push({ file: m.file, value });
    }
    // Kept with the option: the list itself when nothing changed (it may be shared, as an
    // option's lone default is), else a copy of exactly its length (`push` left room).
    const same = out.length === this.defs.length && out.every((d, i) => d === this.defs[i]);
    return (this.discharged = same ? (this.defs as Def[]) : out.slice());
  }
  /** The highest override priority among the definitions (their values stay unevaluated). */
  get highestPrio(): number {
    return this.finalValues !== undefined ? this.finalPrio : highestPriority(this.dischargedDefs);
  }
  get defsFinalPrime(): FinalDefs {
    return { values: this.defsFinal, highestPrio: this.finalPrio };
  }
  get defsFinal(): Def[] {
    if (this.finalValues !== undefined) return this.finalValues;
    const filtered = filterOverridesPrime(this.dischargedDefs);
    const values = filtered.values.some((d) => typeTag(d.value) === "order") ? sortProperties(filtered.values) : filtered.values;
    this.finalPrio = filtered.highestPrio;
    this.finalValues = values;
    this.discharged = undefined; // not needed any more
    return values;
  }
  get isDefined(): boolean {
    return this.defsFinal.length > 0;
  }
  /** The definitions that pass the type's check, or the error naming those that don't. */
  get checked(): E.Either<EvalError, Def[]> {
    const defs = this.defsFinal;
    if (defs.length === 0)
      return E.left(new EvalError(`The option \`${showOption(this.loc)}' is used but not defined.`));
    // Like Nix: check all, and only on failure check again to find the culprits.
    if (defs.every((d) => this.type.check(d.value))) return E.right(defs);
    const invalid = defs.filter((d) => !this.type.check(d.value));
    return E.left(
      new EvalError(
        `A definition for option \`${showOption(this.loc)}' is not of type \`${this.type.description}'. Definition values:${showDefs(invalid)}`,
      ),
    );
  }
  get mergedValue(): any {
    if (this.merged !== NOT_YET) return this.merged;
    const v = pipe(
      this.checked,
      E.map((defs) => this.type.merge(this.loc, defs)),
      E.getOrElseW((e) => {
        throw e;
      }),
    );
    this.merged = v;
    return v;
  }
  /** The merged value if there is any definition. */
  get optional(): O.Option<unknown> {
    return this.isDefined ? O.some(this.mergedValue) : O.none;
  }
  /** Nix's `optionalValue`: `{ value }` when defined, `{}` otherwise (the value stays lazy). */
  get optionalValue(): { value?: unknown } {
    if (!this.isDefined) return {};
    const merged = (): unknown => this.mergedValue;
    return {
      get value() {
        return merged();
      },
    };
  }
}

export const mergeDefinitions = (
  loc: string[],
  type: OptionType,
  defs: readonly Definition[],
): MergedDefinitions => new MergedDefinitions(loc, type, defs);

const MERGING: unique symbol = Symbol("merging");

/** A definition as the engine keeps it: where it is from, and its value (a cell). */
type DefaultDef = { file: string; value: unknown };

/**
 * The value of one option and the merging of its definitions behind it (Nix's
 * evalOptionValue). It is the option record's state: the record's lazy fields read it.
 */
class OptionValue extends Lazy<unknown> {
  /** The merging of the definitions: not made yet, being made, or made. */
  private merging: MergedDefinitions | typeof MERGING | undefined;
  private shown: string | undefined;
  constructor(
    readonly loc: string[],
    readonly opt: Record<string, any>,
    private readonly rawDefs: Lazy<readonly RawDef[]> | readonly RawDef[] | DefsSource,
    /** The definition the default makes; undefined: make it from `opt`. */
    private readonly defaultDef?: DefaultDef | null,
    /** `[defaultDef]`, shared by the instances of a declaration. */
    private readonly defaultAlone?: readonly DefaultDef[],
  ) {
    super();
  }
  override labelOf(): Label {
    return this;
  }
  /** The option's name, made only when a message or toString needs it. */
  show(): string {
    return (this.shown ??= showOption(this.loc));
  }
  merged(): MergedDefinitions {
    const m = this.merging;
    if (typeof m === "object") return m;
    if (m === MERGING) throw recursionError();
    this.merging = MERGING;
    try {
      return (this.merging = this.makeMerged());
    } catch (e) {
      this.merging = undefined;
      throw e;
    }
  }
  makeMerged(): MergedDefinitions {
    const { opt, loc } = this;
    const type = opt.type as OptionType;
    const rd = this.rawDefs;
    // (A slot is a lazy value itself, of its record: ask it for its definitions first.)
    const defs =
      rd instanceof NameSlot ? rd.defsOf() : rd instanceof Lazy ? rd.force() : (rd as readonly RawDef[]);
    const dflt =
      this.defaultDef !== undefined
        ? this.defaultDef
        : "default" in opt
          ? { file: opt.declarations[0] as string, value: mkOptionDefault(new Lazy(() => opt.default)) }
          : null;
    // (Lists are not changed by merging: the definitions found, or the default alone, are
    // used as they are; the lone default's list is shared by every instance.)
    const withDefault: readonly DefaultDef[] =
      dflt === null ? defs : defs.length > 0 ? [dflt, ...defs] : (this.defaultAlone ?? [dflt]);
    if (opt.readOnly === true && withDefault.length > 1) {
      const separate = withDefault.map((d) => ({
        file: d.file,
        value: new MergedDefinitions(loc, type, [d]).mergedValue,
      }));
      throwError(
        `The option \`${this.show()}' is read-only, but it's set multiple times. Definition values:${showDefs(separate)}`,
      );
    }
    return new MergedDefinitions(loc, type, withDefault);
  }
  protected override compute(): unknown {
    return addErrorContext(
      () => `while evaluating the option \`${this.show()}':`,
      () => {
        const { opt } = this;
        const type = opt.type as OptionType;
        if (type.deprecationMessage != null) {
          warn(
            `The type \`types.${type.name}' of option \`${this.show()}' defined in ${showFiles(opt.declarations)} is deprecated. ${type.deprecationMessage}`,
            undefined,
          );
        }
        if (typeof opt.apply !== "function") return this.merged().mergedValue;
        return applyLazily(opt.apply, () => this.merged().mergedValue);
      },
    );
  }
}

/**
 * The state behind an option record's lazy fields. The fields' getters are shared by all
 * records (they find the state on the record they are read from), not closures made for
 * each option of each submodule instance.
 */
const OPTION_STATE = Symbol("option state");
const stateOf = (o: unknown): OptionValue => (o as { [OPTION_STATE]: OptionValue })[OPTION_STATE];
const optionFieldGetters = {
  value(this: unknown) {
    return stateOf(this).force();
  },
  highestPrio(this: unknown) {
    return stateOf(this).merged().highestPrio;
  },
  definitions(this: unknown) {
    return stateOf(this).merged().defsFinal.map((d) => d.value);
  },
  files(this: unknown) {
    return stateOf(this).merged().defsFinal.map((d) => d.file);
  },
  definitionsWithLocations(this: unknown) {
    return stateOf(this).merged().defsFinal;
  },
  isDefined(this: unknown) {
    return stateOf(this).merged().isDefined;
  },
};
type OptionField = keyof typeof optionFieldGetters;
const OPTION_FIELDS = Object.keys(optionFieldGetters) as OptionField[];
const optionFieldDescriptors = Object.fromEntries(
  OPTION_FIELDS.map((f) => [f, { enumerable: true, configurable: true, get: optionFieldGetters[f] }]),
) as Record<OptionField, PropertyDescriptor>;

/** A record's `toString` and `__toString` (called as `r.__toString(r)`, like Nix): the option's name. */
function showRecord(this: unknown, self?: unknown): string {
  return stateOf(self ?? this).show();
}
const showRecordDescriptor: PropertyDescriptor = { enumerable: false, configurable: true, value: showRecord };

/** Give an option record its value and the story of its definitions. */
function attachValue(out: Record<string, any>, state: OptionValue): Record<string, any> {
  Object.defineProperty(out, OPTION_STATE, { enumerable: false, configurable: true, value: state });
  for (const field of OPTION_FIELDS) Object.defineProperty(out, field, optionFieldDescriptors[field]);
  Object.defineProperty(out, "__toString", showRecordDescriptor);
  Object.defineProperty(out, "toString", showRecordDescriptor);
  return out;
}

/** An option with its value and the story of its definitions (Nix's evalOptionValue). */
export function evalOptionValue(
  loc: string[],
  opt: Record<string, any>,
  rawDefs: Lazy<readonly RawDef[]> | readonly RawDef[],
  /** `opt` is a fresh object of the engine's own: add the fields to it instead of a copy. */
  fresh = false,
): Record<string, any> {
  const out = fresh ? opt : update(opt);
  return attachValue(out, new OptionValue(loc, out, rawDefs));
}

/**
 * `apply mergedValue`. Nix hands `apply` the merged value unevaluated, so an
 * `apply` that ignores it (renamed and removed options) works even when the
 * option has no definition. When merging fails, `apply` gets a stand-in that
 * rethrows the merge's error as soon as it is used.
 */
function applyLazily(apply: (v: unknown) => unknown, merged: () => unknown): unknown {
  let v: unknown;
  try {
    v = merged();
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    const fail = (): never => {
      throw e;
    };
    const poison = new Proxy(
      {},
      {
        get: fail,
        has: fail,
        ownKeys: fail,
        getOwnPropertyDescriptor: fail,
        getPrototypeOf: fail,
        set: fail,
        defineProperty: fail,
        deleteProperty: fail,
      },
    );
    const r = apply(poison);
    if (r === poison) throw e;
    return r;
  }
  return apply(v);
}

/**
 * Merge the definitions of an attrsOf option attribute by attribute, keeping
 * each attribute's highest priority (Nix's mergeAttrDefinitionsWithPrio).
 */
export function mergeAttrDefinitionsWithPrio(opt: any): Record<string, { value: unknown; highestPrio: number }> {
  const t = opt.type as OptionType;
  if (t.name !== "attrsOf" && t.name !== "lazyAttrsOf") {
    throwError(`mergeAttrDefinitionsWithPrio: option \`${showOption(opt.loc)}' is not an attribute set of a type`);
  }
  const byAttr = new Map<string, { file: string; value: unknown }[]>();
  for (const def of opt.definitionsWithLocations as Def[]) {
    for (const sub of pushDownProperties(def.value)) {
      for (const [k, c] of cells(sub)) push(byAttr, k, { ...def, value: c });
    }
  }
  const out = nullProto<{ value: unknown; highestPrio: number }>();
  for (const [k, defs] of [...byAttr].sort(([a], [b]) => compareCodeUnits(a, b))) {
    const merging = new MergedDefinitions(childLoc(opt.loc, k), t.nestedTypes.elemType!, defs);
    out[k] = {
      get value() {
        return merging.mergedValue;
      },
      get highestPrio() {
        return merging.highestPrio;
      },
    };
  }
  return out;
}
