/**
 * Merging: walk the declarations and definitions of all modules together
 * (Nix's mergeModules'), each declared name becoming an option (its declarations
 * merged in option-decls.ts, its value in option-value.ts) or a subtree. Everything
 * is lazy: an option's value is computed when first read, once. What depends only on
 * the declarations is kept per shape and shared by every submodule instance.
 */
import { compareCodeUnits, defineGetter, isAttrs, sortedNames, sortNames } from "./attrs-lazy.js";
import { cells, forEachCell, lookupGetter, type Cell } from "./cells.js";
import * as E from "fp-ts/lib/Either.js";
import { caughtByTryEval, EvalError, throwError } from "./errors.js";
import { force, Lazy, recursionError } from "./lazy.js";
import { activeLibRevision, type LibRevision } from "./lib-revision.js";
import { current as scopeNow, setScope, type EvaluationScope } from "./evaluation-scope.js";
import type { UnifiedModule } from "./module-types.js";
import { childLoc, isOption, showOption } from "./options.js";
import {
  fixupTemplate,
  instantiate,
  mergeOptionDeclCells,
  type Decl,
  type OptionTemplate,
} from "./option-decls.js";
import { OptionValue, type DefaultDef, type RawDef } from "./option-value.js";
import { pushDownProperties } from "./properties.js";
import { typeOf } from "./nix/attrsets.js";
import { escapeNixIdentifier } from "./nix/strings.js";
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
  unmatchedDefns: () => readonly UnmatchedDef[];
  /**
   * Whether everything declared and defined at `name` is `isOwn` (the engine's own
   * `_module` declarations and definitions), so that its values are known.
   */
  onlyOwn: (name: string, isOwn: (tree: unknown) => boolean) => boolean;
  /** `matchedOptions[name]`, without making the whole object (undefined if nothing declares it). */
  optionNamed: (name: string) => unknown;
  /** Whether any definition has no option, not looking below `skip` (a cheap unmatchedDefns().length > 0). */
  anyUnmatched: (skip: string) => boolean;
  /**
   * The config of these options: each attribute an option's value (or a subtree's config),
   * read when first used. At the top (`top`), `_module` is there but not enumerable; below
   * it, the object is made once.
   */
  configTree: (top: boolean) => Record<string, unknown>;
}

interface Config {
  file: string;
  config: unknown;
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
export function mergeModules(
  prefix: string[],
  modules: readonly UnifiedModule[],
  scope: EvaluationScope = scopeNow,
): MergedModules {
  const configs = new Lazy<Config[]>(() => {
    const out: Config[] = [];
    // (Indexed loops here and in other steps every submodule instance takes: until V8 has
    // optimized them, a for-of loop makes an iterator and a result object per element.)
    for (let i = 0; i < modules.length; i++) {
      const m = modules[i]!;
      const pushed = pushDownProperties(force(m.config), m._file, prefix);
      for (let j = 0; j < pushed.length; j++) out.push({ file: m._file, config: pushed[j] });
    }
    return out.slice(); // kept: at its exact length
  });
  // (The modules are their own declarations: a declaration is a module's file and options.)
  return mergeModulesPrime(prefix, modules, configs, scope);
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
  /** What every instance knows about each declared name, sorted by name. */
  entries: NameEntry[];
  /** The position of each name (that of its entry, slot and getters). */
  index: Map<string, number>;
  /** The getters of `matchedOptions` objects of this shape. */
  descriptors?: NamedDescriptors;
  /** The getters of config objects of this shape, below the top and at the top. */
  configDescriptors?: [NamedDescriptors | undefined, NamedDescriptors | undefined];
}
/**
 * One declared name of a shape, as all instances share it: its declarations, and once an
 * instance has looked at them, whether it is an option (and its merged declaration) or a
 * subtree. Only what succeeded is kept: an error names the instance's path, so each
 * instance makes its own.
 */
interface NameEntry {
  readonly name: string;
  /** Its position among the shape's names (that of its slot). */
  readonly index: number;
  /** The name's declarations (for an option, as options: see NameSlot.classify). */
  decls: readonly Decl[];
  kind: "option" | "tree" | undefined;
  /** The option's merged declaration (fixed up, without `loc`). */
  tmpl: OptionTemplate | undefined;
}

/** A node of the cache: keyed by each declaration's option tree (identity), then its file. */
interface ShapeNode {
  next: WeakMap<object, Map<string, ShapeNode>>;
  shape?: DeclShape;
}
/**
 * The roots of the cache, one per lib revision: what the declarations make (a type's
 * `substSubModules`, which errors they raise) may differ from one lib to the other.
 */
const shapeRoots: Record<LibRevision, ShapeNode> = {
  "2023-07": { next: new WeakMap() },
  "2025-06": { next: new WeakMap() },
};

function declShape(where: string, decls: readonly Decl[]): DeclShape {
  let node = shapeRoots[activeLibRevision()];
  const subtrees: object[] = [];
  for (let i = 0; i < decls.length; i++) {
    const m = decls[i]!;
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
    // In Nix's order (by code unit), so that config and options objects list their names
    // sorted, as Nix's attribute sets do, and printing them need not sort them again.
    const entries: NameEntry[] = [];
    const index = new Map<string, number>();
    for (const name of sortNames([...byName.keys()])) {
      index.set(name, entries.length);
      entries.push({
        name,
        index: entries.length,
        decls: byName.get(name)!,
        kind: undefined,
        tmpl: undefined,
      });
    }
    node.shape = { entries, index };
  }
  return node.shape;
}

export function mergeModulesPrime(
  prefix: string[],
  decls: readonly Decl[],
  configs: Lazy<Config[]>,
  scope: EvaluationScope = scopeNow,
): MergedModules {
  return new ModulesMerge(prefix, declShape(prefix.join("."), decls), configs, scope);
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
  const getter = (i: number): (() => unknown) =>
    (made[i] ??= function (this: { [SLOTS]: NameSlot[] }) {
      return read(this[SLOTS][i]!);
    });
  /** The slot that `get`, an object's getter of `obj`, reads, if it is one of these getters. */
  getter.slotOf = (obj: object, get: unknown): NameSlot | undefined => {
    const i = typeof get === "function" ? made.indexOf(get as () => unknown) : -1;
    // (An object the getter was copied to by its descriptor has no slots of its own.)
    return i < 0 ? undefined : (obj as { [SLOTS]?: NameSlot[] })[SLOTS]?.[i];
  };
  return getter;
};
const optionsGetter = positionGetters((slot) => slot.get());
const configGetter = positionGetters((slot) => slot.configValue());

/**
 * Nix's `tryEval` of a config attribute, as far as the attribute itself goes (its value is
 * not forced deeply): its value, or the evaluation error reading it throws. As with
 * `tryEval`, an abort and an infinite recursion are not caught. An option nothing defines
 * (`used but not defined`) gives its error without throwing it: a harness asking of every
 * service whether an option has a value then throws nothing through the evaluation's frames.
 * Any other attribute, of a config object or not, is read as usual.
 */
export function tryConfigAttr(config: object, name: string): E.Either<EvalError, unknown> {
  const slot = undefinedSlot(config, name);
  return slot !== undefined ? E.left(slot.undefinedError()) : readConfigAttr(config, name);
}

/**
 * Is `config.<name>` an option that nothing defines and that has no default, so that reading
 * it throws its `used but not defined` error (tryConfigAttr's Left)? Known without evaluating
 * anything, and without making the error; false for anything else (then read it to know).
 */
export function usedButNotDefined(config: object, name: string): boolean {
  return undefinedSlot(config, name) !== undefined;
}

/** The slot behind `config.<name>` if it is an option usedButNotDefined says is so. */
function undefinedSlot(config: object, name: string): NameSlot | undefined {
  try {
    const slot = configGetter.slotOf(config, lookupGetter.call(config, name));
    return slot?.isUndefined() ? slot : undefined;
  } catch {
    // (Whatever failed fails again, with its context, when the attribute is read.)
    return undefined;
  }
}

/** tryConfigAttr of an attribute read as usual. */
function readConfigAttr(config: object, name: string): E.Either<EvalError, unknown> {
  try {
    return E.right((config as Record<string, unknown>)[name]);
  } catch (e) {
    if (caughtByTryEval(e)) return E.left(e);
    throw e;
  }
}

/** Prototypes without attributes: one per kind of object (see positionGetters). */
const emptyProto = (): object => Object.freeze(Object.create(null) as object);
const optionsProto = emptyProto();
const configProto = emptyProto();
const topConfigProto = emptyProto();

/** The getters of a shape's `matchedOptions` objects, defined in one step. */
function shapeDescriptors(shape: DeclShape): NamedDescriptors {
  if (shape.descriptors) return shape.descriptors;
  const out: NamedDescriptors = [];
  for (const { name } of shape.entries) out.push([name, optionsGetter(out.length), true]);
  return (shape.descriptors = out);
}

/** The getters of a shape's config objects; `_module` is not enumerable at the top. */
function configDescriptors(shape: DeclShape, top: boolean): NamedDescriptors {
  const cached = (shape.configDescriptors ??= [undefined, undefined]);
  const k = top ? 1 : 0;
  if (cached[k]) return cached[k];
  const out: NamedDescriptors = [];
  for (const { name } of shape.entries) {
    out.push([name, configGetter(out.length), !(top && name === "_module")]);
  }
  return (cached[k] = out);
}

/**
 * The attributes of a shape's objects, in the order of its entries (name, getter, enumerable):
 * defined one by one, which V8 does about a third faster than Object.defineProperties with a
 * map of them, and an enumerable one by defineGetter, faster still.
 */
type NamedDescriptors = [string, () => unknown, boolean][];
function defineAll(obj: object, descriptors: NamedDescriptors): void {
  for (let i = 0; i < descriptors.length; i++) {
    const d = descriptors[i]!;
    if (d[2]) defineGetter(obj, d[0], d[1]);
    else Object.defineProperty(obj, d[0], { enumerable: false, configurable: true, get: d[1] });
  }
}

/**
 * The definitions at one level, grouped by name: those of each declared name by its position
 * (a list per position rather than a map: there is one for every submodule instance), a lone
 * definition as itself rather than in a list of one (most names have one, and these are
 * kept as long as the instance), and those of names nothing declares, if any, by name in the
 * order first defined.
 */
interface Defns {
  declared: (RawDef | RawDef[] | undefined)[];
  undeclared: Map<string, RawDef[]> | undefined;
}

/** mergeModulesPrime at one level: the declared names, each merged when first read. */
class ModulesMerge implements MergedModules {
  private matched: Record<string, any> | undefined;
  private readonly slots: NameSlot[];
  private readonly defns: Lazy<Defns>;
  private unmatched: readonly UnmatchedDef[] | undefined;
  /** The config object of a subtree (made once: see configTree). */
  private nested: Record<string, unknown> | undefined;
  /**
   * The modules' definitions, until they are grouped by name: then let go of (with them the
   * modules' config objects, which nothing reads again), keeping only how many there were.
   */
  private configs: Lazy<Config[]> | undefined;
  private configCount = -1;

  constructor(
    readonly prefix: string[],
    readonly shape: DeclShape,
    configs: Lazy<Config[]>,
    /** The evaluation whose definitions these are (the modules' objects are read for it). */
    readonly scope: EvaluationScope,
  ) {
    this.configs = configs;
    this.defns = new Lazy(() => {
      const saved = scopeNow;
      if (scope !== saved) setScope(scope);
      try {
        return this.grouped(configs);
      } finally {
        if (scope !== saved) setScope(saved);
      }
    });
    const { entries } = shape;
    const slots = (this.slots = new Array<NameSlot>(entries.length));
    for (let i = 0; i < entries.length; i++) slots[i] = new NameSlot(this, entries[i]!);
  }

  /** The modules' definitions grouped by name (see Defns). */
  private grouped(configs: Lazy<Config[]>): Defns {
    const { prefix, shape } = this;
    const { index } = shape;
    const declared = new Array<RawDef | RawDef[] | undefined>(index.size).fill(undefined);
    let undeclared: Map<string, RawDef[]> | undefined;
    const list = configs.force();
    for (let j = 0; j < list.length; j++) {
      const { file, config } = list[j]!;
      const subtree = force(config);
      if (!isAttrs(subtree) || typeof subtree === "function") notAnAttrSet(prefix, file, subtree);
      forEachCell(subtree, (n, c) => {
        const i = index.get(n);
        if (i === undefined) push((undeclared ??= new Map()), n, { file, value: c });
        else {
          const d = declared[i];
          if (d === undefined) declared[i] = { file, value: c };
          else if (Array.isArray(d)) d.push({ file, value: c });
          else declared[i] = [d, { file, value: c }];
        }
      });
    }
    // Kept by the options: lists that grew are copied at their exact length.
    for (let i = 0; i < declared.length; i++) {
      const l = declared[i];
      if (Array.isArray(l)) declared[i] = l.slice();
    }
    this.configCount = list.length;
    this.configs = undefined;
    return { declared, undeclared };
  }

  /** No module defines anything here (known without looking inside the definitions). */
  private noConfigs(): boolean {
    if (this.configCount < 0) this.configCount = this.configs!.force().length;
    return this.configCount === 0;
  }

  /** The options object, made when something reads `options` here. */
  get matchedOptions(): Record<string, any> {
    return (this.matched ??= this.slotObject(optionsProto, shapeDescriptors(this.shape)));
  }

  /** An object whose attributes read these slots (see positionGetters). */
  private slotObject(proto: object, descriptors: NamedDescriptors): Record<string, any> {
    const out = Object.create(proto) as Record<string, any>;
    Object.defineProperty(out, SLOTS, { value: this.slots });
    defineAll(out, descriptors);
    return out;
  }

  optionNamed(name: string): unknown {
    const i = this.shape.index.get(name);
    return i === undefined ? undefined : this.slots[i]!.get();
  }

  /** The definitions of the name at position `i`. */
  defnsAt(i: number): readonly RawDef[] {
    const d = this.defns.force().declared[i];
    return d === undefined ? NO_DEFS : Array.isArray(d) ? d : [d];
  }

  /** The definitions of `name`, declared or not. */
  defnsFor(name: string): readonly RawDef[] {
    const i = this.shape.index.get(name);
    if (i !== undefined) return this.defnsAt(i);
    return this.defns.force().undeclared?.get(name) ?? NO_DEFS;
  }

  configTree(top: boolean): Record<string, unknown> {
    if (top) return this.slotObject(topConfigProto, configDescriptors(this.shape, true));
    return (this.nested ??= this.slotObject(configProto, configDescriptors(this.shape, false)));
  }

  /** The definitions of the subtree at position `i` (at `loc`), with properties pushed down into it. */
  pushedDown(i: number, loc: readonly string[]): Lazy<Config[]> {
    return new Lazy(() => {
      const { scope } = this;
      const saved = scopeNow;
      if (scope !== saved) setScope(scope);
      try {
        return this.defnsAt(i).flatMap((d) =>
          pushDownProperties(force(d.value), d.file, loc).map((config) => ({
            file: d.file,
            config,
          })),
        );
      } finally {
        if (scope !== saved) setScope(saved);
      }
    });
  }

  onlyOwn(name: string, isOwn: (tree: unknown) => boolean): boolean {
    const i = this.shape.index.get(name);
    if (i === undefined) return false;
    const { decls } = this.shape.entries[i]!;
    for (let j = 0; j < decls.length; j++) if (!isOwn(decls[j]!.options)) return false;
    const defs = this.defnsAt(i);
    for (let j = 0; j < defs.length; j++) if (!isOwn(defs[j]!.value)) return false;
    return true;
  }

  anyUnmatched(skip: string): boolean {
    if (this.noConfigs()) return false;
    const { undeclared } = this.defns.force();
    const { slots } = this;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.name !== skip && slot.unmatchedDefns().length > 0) return true;
    }
    return undeclared !== undefined;
  }

  unmatchedDefns(): readonly UnmatchedDef[] {
    if (this.unmatched) return this.unmatched;
    if (this.noConfigs()) return (this.unmatched = NO_UNMATCHED);
    const { undeclared } = this.defns.force();
    // Usually every definition has its option: then there is nothing to collect or sort
    // (but every declared name is still looked at, as in Nix, for its errors).
    let none = undeclared === undefined;
    const { slots } = this;
    for (let i = 0; i < slots.length; i++) if (slots[i]!.unmatchedDefns().length > 0) none = false;
    if (none) return (this.unmatched = NO_UNMATCHED);
    const { index } = this.shape;
    const names = new Set<string>([...index.keys(), ...(undeclared?.keys() ?? [])]);
    const out: UnmatchedDef[] = [];
    for (const name of [...names].sort(compareCodeUnits)) {
      const i = index.get(name);
      const defs: readonly { file: string; value: Cell; prefix?: string[] }[] =
        i !== undefined ? slots[i]!.unmatchedDefns() : (undeclared?.get(name) ?? []);
      for (const d of defs) out.push({ file: d.file, value: d.value, prefix: [name, ...(d.prefix ?? [])] });
    }
    return (this.unmatched = out);
  }
}

/** Is `v` an attribute set with a `_type` (an option, a type, a configuration, ...)? */
const isTagged = (v: unknown): boolean => isAttrs(v) && "_type" in v;

/** The 2025-06 lib's error for a declaration that is a value of another `_type` than an option. */
function notAnOptionDeclaration(loc: readonly string[], tag: unknown, file: string): never {
  const name = escapeNixIdentifier(loc[loc.length - 1]!);
  const paragraphs = [
    `In module ${file}: expected an option declaration at option path \`${showOption(loc)}\` but got an attribute set with type ${String(tag)}`,
  ];
  if (tag === "option-type") {
    const comment = loc.length > 1 ? `\n    # ${showOption(loc)}` : "";
    paragraphs.push(
      `When declaring an option, you must wrap the type in a \`mkOption\` call. It should look somewhat like:\n    ${comment}\n    ${name} = lib.mkOption {\n      description = ...;\n      type = <the type you wrote for ${name}>;\n      ...\n    };\n`,
    );
  }
  return throwError(paragraphs.join("\n\n"));
}

/** The error of a definition at `prefix` (from `file`) that is no attribute set although options are declared below. */
function notAnAttrSet(prefix: readonly string[], file: string, value: unknown): never {
  const where = prefix.join(".");
  // (The 2025-06 lib names the module.)
  const lead = activeLibRevision() === "2023-07" ? "You're" : `In module \`${file}', you're`;
  return throwError(
    `${lead} trying to define a value of type \`${typeOf(value)}'\nrather than an attribute set for the option\n\`${where}'!\n\nThis usually happens if \`${where}' has option\ndefinitions inside that are not matched. Please check how to properly define\nthis option by e.g. referring to \`man 5 configuration.nix'!\n`,
  );
}

/** No definitions without an option (one frozen list for all). */
const NO_UNMATCHED: readonly UnmatchedDef[] = Object.freeze([]);
/** The definitions of a name nothing defines (one frozen list for all). */
const NO_DEFS: readonly RawDef[] = Object.freeze([]);

/**
 * One declared name of a ModulesMerge: an option or a subtree of options, found when first
 * read. For an option the slot is its value too (an OptionValue: one object per option),
 * and its record (`options.x.y`) is made only when something reads it.
 */
class NameSlot extends OptionValue {
  /** The option record or the merged subtree, once made; MAKING while being made. */
  private made: Record<string, any> | MergedModules | typeof MAKING | undefined;
  constructor(
    private readonly at: ModulesMerge,
    /** The name and what the shape knows of it (shared by all instances). */
    private readonly entry: NameEntry,
  ) {
    super();
  }

  get name(): string {
    return this.entry.name;
  }

  protected override scopeOf(): EvaluationScope {
    return this.at.scope;
  }

  protected override decl(): Record<string, any> {
    return this.template().decl;
  }
  protected override defaultDefinition(): DefaultDef | null {
    return this.template().defaultDef;
  }
  protected override loneDefault(): readonly DefaultDef[] | undefined {
    return this.template().defaultAlone;
  }
  protected override defs(): readonly RawDef[] {
    return this.at.defnsAt(this.entry.index);
  }

  /**
   * The option's path, made each time it is asked for (when its value is merged, or for a
   * message) rather than kept: a slot outlives the merge, and there is one per option of
   * every instance.
   */
  protected override location(): string[] {
    return childLoc(this.at.prefix, this.name);
  }

  /** The option record, or the subtree's options. */
  get(): unknown {
    const kind = this.classify();
    const v = this.make();
    return kind === "option" ? v : (v as MergedModules).matchedOptions;
  }

  /** A subtree is never undefined (see OptionValue.isUndefined). */
  override isUndefined(): boolean {
    return this.classify() === "option" && super.isUndefined();
  }

  /** What `config` has here: the option's value, or the subtree's config. */
  configValue(): unknown {
    if (this.classify() === "option") return this.force();
    return (this.make() as MergedModules).configTree(false);
  }

  /** The definitions no option matched (none for an option). */
  unmatchedDefns(): readonly UnmatchedDef[] {
    return this.classify() === "option" ? NO_UNMATCHED : (this.make() as MergedModules).unmatchedDefns();
  }

  /**
   * The merged declaration of the option (the shape's, the same for every instance but for
   * `loc`), made by the first instance that needs it. Errors are not kept: each instance
   * reports its own path, which is made only then.
   */
  private template(): OptionTemplate {
    const e = this.entry;
    return (e.tmpl ??= fixupTemplate(mergeOptionDeclCells(this.location(), e.decls)));
  }

  private classify(): "option" | "tree" {
    const e = this.entry;
    if (e.kind) return e.kind;
    const { decls } = e;
    let options = 0;
    for (let i = 0; i < decls.length; i++) {
      const d = decls[i]!;
      if (isOption(d.options)) options++;
      else if (isTagged(d.options) && activeLibRevision() !== "2023-07") {
        // (The 2023-07 lib takes any other attribute set for options declared below.)
        notAnOptionDeclaration(this.location(), (d.options as { _type: unknown })._type, d._file);
      }
    }
    if (options === decls.length) {
      return (e.kind = "option");
    }
    if (options === 0) return (e.kind = "tree");
    const optionDecls = decls.filter((d) => isOption(d.options));
    // (`all`, in order: the first option that is no submodule ends the search.)
    const typeless = optionDecls.find((d) => (d.options as { type?: OptionType }).type?.name !== "submodule");
    if (
      activeLibRevision() === "2023-07" &&
      typeless !== undefined &&
      !("type" in (typeless.options as object))
    ) {
      // (The 2025-06 lib takes an option without a type for one that is no submodule.)
      const e = new EvalError("attribute 'type' missing");
      e.addHint(
        `(the option \`${showOption(this.location())}' is declared without a type, and options are declared below it: the 2023-07 lib reads its type to know whether it is a submodule)`,
      );
      throw e;
    }
    if (optionDecls.every((d) => (d.options as { type?: OptionType }).type?.name === "submodule")) {
      e.decls = decls.map(optionTreeToOption);
      return (e.kind = "option");
    }
    const first = optionDecls[0]!;
    const nonOptions = decls.filter((d) => !isOption(d.options));
    const loc = this.location();
    return throwError(
      `The option \`${showOption(loc)}' in module \`${first._file}' would be a parent of the following options, but its type \`${(first.options as { type?: OptionType }).type?.description ?? "<no description>"}' does not support nested options.\n${showRawDecls(loc, nonOptions)}`,
    );
  }

  /** The option record (made from the shape's template) or the merged subtree, made once. */
  private make(): Record<string, any> | MergedModules {
    const m = this.made;
    if (m === MAKING) throw recursionError();
    if (m !== undefined) return m;
    this.made = MAKING;
    try {
      const { at, entry } = this;
      const kind = this.classify();
      if (kind === "tree") {
        const loc = this.location();
        return (this.made = mergeModulesPrime(loc, entry.decls, at.pushedDown(entry.index, loc), at.scope));
      }
      return (this.made = instantiate(this.template(), this.location(), this));
    } catch (e) {
      this.made = undefined;
      throw e;
    }
  }
}
const MAKING: unique symbol = Symbol("making");

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
