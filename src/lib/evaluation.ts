/**
 * evalModules: the fixpoint. Modules are collected with `config` and
 * `options` arguments that are not computed yet; their definitions are then
 * merged against their declarations, and `config` becomes the tree of option
 * values, each computed when first read. A module may read any option of the
 * final `config`, as long as what it reads does not need itself.
 */
import { defineGetter, isAttrs, nullProto } from "./attrs-lazy.js";
import { cells, setCell } from "./cells.js";
import { collectModules, moduleArgs, unknownModule } from "./collect.js";
import { currentStack, shownPath, userFrame } from "./source-location.js";
import { addErrorContext, EvalError, throwError, throwTypeError } from "./errors.js";
import {
  current as scopeNow,
  inScope,
  scopeForEvaluation,
  setScope,
  type EvaluationScope,
} from "./evaluation-scope.js";
import { force, Lazy, type Label } from "./lazy.js";
import { activeLibRevision } from "./lib-revision.js";
import { mergeModules, type MergedModules } from "./merge.js";
import type { Module } from "./module-types.js";
import type { ConfigOfModules } from "./typed.js";
import { isOption, mkOption, showDefs, showOption } from "./options.js";
import { didYouMean } from "./suggest.js";
import { mkDefault } from "./properties.js";
import * as T from "../types/index.js";
import * as L from "./lib.js";

export interface EvalModulesArgs {
  modules: readonly Module[];
  prefix?: readonly string[];
  specialArgs?: Record<string, unknown>;
  class?: string | null;
  /** Deprecated in Nix: `_module.args` as an argument. */
  args?: Record<string, unknown>;
  /** Deprecated in Nix: `_module.check` as an argument. */
  check?: boolean;
  /** The name a submodule is bound to, handed to its modules as `name`. */
  name?: string;
}

export interface ExtendArgs {
  modules?: readonly Module[];
  specialArgs?: Record<string, unknown>;
  prefix?: readonly string[];
  name?: string;
}

export interface Evaluation<C = any> {
  readonly _type: "configuration";
  readonly config: C;
  readonly options: any;
  readonly _module: any;
  readonly extendModules: (args?: ExtendArgs) => Evaluation<C>;
  readonly type: any;
  readonly class: string | null;
}

/** Where a stand-in object (deferredObject) keeps its value: on its proxy's target. */
const DEFERRED = Symbol("deferred value");
const deferredValue = (target: object): object => (target as { [DEFERRED]: Lazy<object> })[DEFERRED].force();

/** The traps of every stand-in object (one handler for all evaluations, not one each). */
const deferredHandler: ProxyHandler<object> = {
  get: (t, p) => Reflect.get(deferredValue(t), p),
  has: (t, p) => Reflect.has(deferredValue(t), p),
  ownKeys: (t) => Reflect.ownKeys(deferredValue(t)),
  getOwnPropertyDescriptor: (t, p) => {
    const d = Reflect.getOwnPropertyDescriptor(deferredValue(t), p);
    return d ? { ...d, configurable: true } : undefined;
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

/** A stand-in object for a value computed later: every access goes to the value. */
function deferredObject(ref: Lazy<object>, handler: ProxyHandler<object> = deferredHandler): any {
  // A configurable attribute of the target: the proxy may hide it (proxy invariants).
  const target: Record<symbol, unknown> = nullProto();
  target[DEFERRED] = ref;
  return new Proxy(target, handler);
}

/**
 * The traps of the `options` argument: reading one option asks the merge for it by name, so
 * that a module reading `options.x.isDefined` does not make the whole options object (an
 * attribute per declared name) of every submodule instance; anything else goes to the object.
 */
const optionsHandler: ProxyHandler<object> = {
  ...deferredHandler,
  get: (t, p) =>
    typeof p === "string"
      ? ((t as { [DEFERRED]: Step<Record<string, any>> })[DEFERRED] as Step<Record<string, any>>).ev.merged
          .force()
          .optionNamed(p)
      : Reflect.get(deferredValue(t), p),
};

/** `recursiveUpdate lhs rhs`, keeping the right side's values lazy where the left has nothing. */
function recursiveUpdate(lhs: unknown, rhs: unknown): unknown {
  if (!isAttrs(lhs) || !isAttrs(rhs)) return rhs;
  const scope = scopeNow;
  const out = nullProto();
  const right = new Map(cells(rhs));
  for (const [n, c] of cells(lhs)) {
    if (!right.has(n)) setCell(out, n, c);
  }
  for (const [n, c] of right) {
    const l = cells(lhs).find(([m]) => m === n);
    if (!l) setCell(out, n, c);
    else {
      const lc = l[1];
      setCell(out, n, new Lazy(() => inScope(scope, () => recursiveUpdate(force(lc), force(c)))));
    }
  }
  return out;
}

function setAttrByPath(path: readonly string[], value: unknown): unknown {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const o = nullProto();
    o[path[i]!] = v;
    v = o;
  }
  return v;
}

const moduleArgsDescription =
  "Additional arguments passed to each module in addition to ones like `lib`, `config`, and `pkgs`, `modulesPath`.\n\n" +
  "This option is also available to all submodules. Submodules do not inherit args from their parent module, nor do they provide args to their parent module or sibling submodules. " +
  "The sole exception to this is the argument `name` which is provided by parent modules to a submodule and contains the attribute name the submodule is bound to, or a unique generated name if it is not bound to an attribute.";

/** The name of an evaluation's collection phase in a recursion chain. */
const collectingLabel = (ev: ModuleEvaluation): string =>
  ev.prefix.length === 0 ? "<collecting modules>" : `<collecting modules of ${showOption(ev.prefix)}>`;

/**
 * The options of the internal module (`_module.*`): the same declarations for every
 * evaluation at the top level or below it, made once (types and all), not per submodule.
 */
const internalOptionsMemo: Record<string, object> = {};
function internalOptions(root: boolean): object {
  const k = root ? "root" : "nested";
  return (internalOptionsMemo[k] ??= {
    _module: ownModuleTree({
      args: mkOption({
        type: T.types.lazyAttrsOf(T.types.raw),
        ...(root ? {} : { internal: true }),
        description: moduleArgsDescription,
      }),
      check: mkOption({
        type: T.types.bool,
        internal: true,
        default: true,
        description: "Whether to check whether all option definitions have matching declarations.",
      }),
      freeformType: mkOption({
        type: T.types.nullOr(T.types.optionType),
        internal: true,
        default: null,
        description:
          "If set, merge all definitions that don't have an associated option together using this type. The result then gets combined with the values of all declared options to produce the final `config` value.\n\nIf this is `null`, definitions without an option will throw an error unless {option}`_module.check` is turned off.",
      }),
      specialArgs: mkOption({
        readOnly: true,
        internal: true,
        description:
          "Externally provided module arguments that can't be modified from within a configuration, but can be used in module imports.",
      }),
    }),
  });
}

/**
 * The `_module` trees the engine itself declares and defines (the internal options, the
 * arguments it passes, a submodule's `name`). When nothing else declares or defines
 * anything in `_module`, `_module.check` and `_module.freeformType` have their defaults
 * and nothing there lacks an option: an evaluation then need not merge `_module` at all
 * to know them (a merge and two option values less for every submodule instance).
 * Such a tree carries this mark (a symbol: not an attribute).
 */
const OWN_MODULE_TREE = Symbol("the engine's own _module tree");
/** Mark a `_module` tree as the engine's own (see OWN_MODULE_TREE); returns it. */
export function ownModuleTree<T extends object>(tree: T): T {
  Object.defineProperty(tree, OWN_MODULE_TREE, { value: true });
  return tree;
}
/** Is `tree` one of the engine's own `_module` trees? */
const isOwnModuleTree = (tree: unknown): boolean =>
  typeof tree === "object" &&
  tree !== null &&
  (tree as { [OWN_MODULE_TREE]?: true })[OWN_MODULE_TREE] === true;

/** The module defining a submodule instance's `name` (`_module.args.name`). */
export function nameModule(name: string): Module {
  return { _module: { [OWN_MODULE_TREE]: true, args: { name } } };
}

/**
 * A step of an evaluation, computed once; `step` is a function shared by all evaluations, and
 * so is `label`, which names the step in the chain shown on infinite recursion (made only then).
 */
class Step<T> extends Lazy<T> {
  constructor(
    readonly ev: ModuleEvaluation,
    private readonly step: (ev: ModuleEvaluation) => T,
    private readonly label?: (ev: ModuleEvaluation) => string,
  ) {
    super();
  }
  protected override compute(): T {
    const scope = this.ev.scope;
    const saved = scopeNow;
    if (scope !== saved) setScope(scope);
    try {
      return this.step(this.ev);
    } finally {
      if (scope !== saved) setScope(saved);
    }
  }
  override labelOf(): Label | undefined {
    return this.label === undefined ? undefined : this;
  }
  show(): string {
    return this.label!(this.ev);
  }
}

/** The options, as declared (without the check for definitions without an option). */
const matchedOptions = (ev: ModuleEvaluation): Record<string, any> => ev.merged.force().matchedOptions;

/** The config: the declared options' values, with the freeform definitions under them. */
function makeConfig(ev: ModuleEvaluation): Record<string, any> {
  const merged = ev.merged.force();
  const declared = merged.configTree(true) as Record<string, any>;
  if (ev.moduleIsOwn) return declared;
  const freeformType = (declared._module as Record<string, any>).freeformType;
  if (freeformType == null) return declared;
  const defs = merged
    .unmatchedDefns()
    .map((d) => ({ file: d.file, value: setAttrByPath(d.prefix, force(d.value)) }));
  const freeformConfig = defs.length === 0 ? nullProto() : freeformType.merge(ev.prefix, defs);
  const combined = recursiveUpdate(freeformConfig, declared) as Record<string, any>;
  Object.defineProperty(combined, "_module", {
    enumerable: false,
    configurable: true,
    get: () => declared._module,
  });
  return combined;
}

/**
 * Where an arguments object finds its evaluation (a symbol: not an attribute), for getters
 * shared by all evaluations: one made for each would make each object a hash table in V8.
 */
const EVALUATION = Symbol("evaluation");
type WithEvaluation = { [EVALUATION]: ModuleEvaluation };
const evaluationGetters = {
  extendModules(this: WithEvaluation) {
    return this[EVALUATION].extendModules;
  },
  moduleType(this: WithEvaluation) {
    return this[EVALUATION].type;
  },
};

/** The internal module's `_module.args`: `extendModules` and `moduleType`, read when used. */
function evaluationArgs(ev: ModuleEvaluation): object {
  // (The symbol in the literal takes about half the time of defining it; Object.keys and for-in skip it.)
  const args = { [EVALUATION]: ev };
  defineGetter(args, "extendModules", evaluationGetters.extendModules);
  defineGetter(args, "moduleType", evaluationGetters.moduleType);
  return args;
}

/** The modules, collected (each function module called with its arguments) and merged. */
function mergeAll(ev: ModuleEvaluation): MergedModules {
  const { specialArgs, evalArgs } = ev;
  // The arguments of function modules, made when the first of them is called.
  let fixed: Record<string, unknown> | undefined;
  const makeFixed = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      lib: L.lib,
      options: deferredObject(new Step(ev, matchedOptions), optionsHandler),
      config: deferredObject(ev.configRef),
      specialArgs,
      // Fixed by the evalModules arguments alone, so handed over directly
      // (in Nix they come from _module.args, which JS destructuring can't wait for).
      extendModules: ev.extendModules,
    };
    // (A getter, unless specialArgs replaces it: Object.assign could not assign over it.)
    if (Object.prototype.hasOwnProperty.call(specialArgs, "moduleType")) out.moduleType = undefined;
    else {
      Object.defineProperty(out, EVALUATION, { value: ev });
      defineGetter(out, "moduleType", evaluationGetters.moduleType);
    }
    if (evalArgs.name !== undefined) out.name = evalArgs.name;
    if (activeLibRevision() !== "2023-07") {
      // The 2025-06 lib's: the evaluation's class and prefix.
      out._class = ev.cls;
      out._prefix = ev.prefix;
    }
    Object.assign(out, specialArgs);
    return out;
  };
  const lookup = (name: string): unknown => {
    const args = ev.configRef.force()._module.args as Record<string, unknown>;
    if (!(name in args)) throwTypeError(`attribute '${name}' missing`);
    return args[name];
  };
  const internalModule = {
    _file: "lib/modules.nix",
    key: "lib/modules.nix",
    options: internalOptions(ev.prefix.length === 0),
    config: {
      _module: {
        [OWN_MODULE_TREE]: true,
        args: evaluationArgs(ev),
        specialArgs,
      },
    },
  };
  const collected = collectModules(
    ev.cls,
    String(specialArgs.modulesPath ?? ""),
    ev.regularModules.concat([internalModule]), // (concat, not a spread: no iterator per instance)
    (key) => moduleArgs(key, (fixed ??= makeFixed()), lookup),
    ev.rootFile === undefined ? unknownModule : ev.rootFile.force(),
    ev.prefix,
  );
  return mergeModules(ev.prefix, collected.reverse(), ev.scope);
}

/** Nothing is defined without an option where `_module.check` asks for it. */
function checkUnmatched(ev: ModuleEvaluation): void {
  const merged = ev.merged.force();
  if (ev.moduleIsOwn && !merged.anyUnmatched("_module")) return;
  const { prefix } = ev;
  const cfg = ev.configRef.force();
  const mod = cfg._module as Record<string, any>;
  if (!mod.check || mod.freeformType != null) return;
  const unmatched = merged.unmatchedDefns();
  if (unmatched.length === 0) return;
  const first = unmatched[0]!;
  const optText = showOption([...prefix, ...first.prefix]);
  const defText = addErrorContext(
    `while evaluating the error message for definitions for \`${optText}', which is an option that does not exist`,
    () => addErrorContext(`while evaluating a definition from \`${first.file}'`, () => showDefs([first])),
  );
  const baseMsg = `The option \`${optText}' does not exist. Definition values:${defText}`;
  const names = Object.keys(merged.matchedOptions);
  const nearest = () => closestOptions(merged.matchedOptions, prefix, first.prefix);
  if (names.length === 1 && names[0] === "_module") {
    const optionName = showOption(prefix);
    if (optionName === "") {
      throwError(
        `${baseMsg}\n\nIt seems as if you're trying to declare an option by placing it into \`config' rather than \`options'!\n`,
      );
    }
    throwError(
      `${baseMsg}\n\nHowever there are no options defined in \`${optionName}'. Are you sure you've\ndeclared your options properly? This can happen if you e.g. declared your options in \`types.submodule'\nunder \`config' rather than \`options'.\n`,
    );
  }
  const e = new EvalError(baseMsg);
  e.addHint(nearest);
  throw e;
}

/**
 * `Did you mean ...?` for a definition of `path` (under `prefix`), which no option has: the
 * declared names closest to the first name of `path` that `options` (the declared tree) lacks.
 */
function closestOptions(
  options: Record<string, unknown>,
  prefix: readonly string[],
  path: readonly string[],
): string {
  let node: unknown = options;
  for (let i = 0; i < path.length; i++) {
    if (!isAttrs(node) || isOption(node)) return "";
    const name = path[i]!;
    const declared = Object.keys(node).filter((n) => n !== "_module");
    if (!declared.includes(name)) {
      return didYouMean(name, declared, "Did you mean", (n) =>
        showOption([...prefix, ...path.slice(0, i), n]),
      );
    }
    node = (node as Record<string, unknown>)[name];
  }
  return "";
}

/**
 * One evaluation of modules: its steps are computed when first needed, each once. A class,
 * not closures: a submodule instance is an evaluation, and there are thousands of them.
 */
export class ModuleEvaluation {
  readonly prefix: string[];
  readonly specialArgs: Record<string, unknown>;
  readonly cls: string | null;
  /** The modules given, and those the deprecated `args` and `check` arguments make. */
  readonly regularModules: readonly Module[];
  readonly merged: Step<MergedModules>;
  readonly configRef: Step<Record<string, any>>;
  /** The evaluation it works for: its own, or, for a submodule's, its parent's (see evaluation-scope.ts). */
  readonly scope: EvaluationScope = scopeForEvaluation();
  private readonly checked: Step<void>;
  private extendFn: ((ext?: ExtendArgs) => Evaluation) | undefined;
  /**
   * The file of the modules given without a `_file` (inline): for an evaluation of the public
   * evalModules, the user's file that called it (see callerFile), as Nix names the file an
   * anonymous module is written in; else `<unknown-file>`.
   */
  rootFile: Lazy<string> | undefined;
  private typeValue: unknown;
  private ownModule: boolean | undefined;

  constructor(readonly evalArgs: EvalModulesArgs) {
    this.prefix = evalArgs.prefix === undefined ? [] : [...evalArgs.prefix];
    this.specialArgs = evalArgs.specialArgs ?? {};
    this.cls = evalArgs.class ?? null;
    if (evalArgs.args === undefined && evalArgs.check === undefined) this.regularModules = evalArgs.modules;
    else {
      const legacy: Module[] = [];
      if (evalArgs.args !== undefined) legacy.push({ config: { _module: { args: evalArgs.args } } });
      if (evalArgs.check !== undefined)
        legacy.push({ config: { _module: { check: mkDefault(evalArgs.check) } } });
      this.regularModules = [...evalArgs.modules, ...legacy];
    }
    this.merged = new Step(this, mergeAll, collectingLabel);
    this.configRef = new Step(this, makeConfig);
    this.checked = new Step(this, checkUnmatched);
  }

  /** `_module` is only the engine's own: check and freeformType are their defaults (see OWN_MODULE_TREE). */
  get moduleIsOwn(): boolean {
    return (this.ownModule ??= this.merged.force().onlyOwn("_module", isOwnModuleTree));
  }

  /** `extendModules`: this evaluation with more modules (and arguments). */
  extend(ext: ExtendArgs = {}): ModuleEvaluation {
    const { evalArgs, regularModules, specialArgs } = this;
    const args: EvalModulesArgs = {
      modules: ext.modules === undefined ? regularModules : regularModules.concat(ext.modules),
      prefix: ext.prefix ?? evalArgs.prefix ?? [],
      specialArgs: ext.specialArgs === undefined ? specialArgs : { ...specialArgs, ...ext.specialArgs },
      class: this.cls,
    };
    // As in Nix, the deprecated arguments are passed on (their modules are in regularModules already).
    if (evalArgs.args !== undefined) args.args = evalArgs.args;
    if (evalArgs.check !== undefined) args.check = evalArgs.check;
    const name = ext.name ?? evalArgs.name;
    if (name !== undefined) args.name = name;
    const extended = new ModuleEvaluation(args);
    extended.rootFile = this.rootFile;
    return extended;
  }

  /** `extendModules` as a function value (made once, when first asked for). */
  get extendModules(): (ext?: ExtendArgs) => Evaluation {
    return (this.extendFn ??= (ext) => publicEvaluation(this.extend(ext)));
  }

  /** The submodule type of these modules (`_module.args.moduleType`). */
  get type(): any {
    return (this.typeValue ??= T.types.submoduleWith({
      modules: this.evalArgs.modules,
      specialArgs: this.specialArgs,
      class: this.cls,
    }));
  }

  /** The config, once definitions without an option are known to be allowed. */
  get config(): Record<string, any> {
    this.checked.force();
    return this.configRef.force();
  }

  /** The options, once definitions without an option are known to be allowed. */
  get checkedOptions(): Record<string, any> {
    this.checked.force();
    return matchedOptions(this);
  }
}

/** The public face of an evaluation: what `evalModules` returns. */
function publicEvaluation<C>(ev: ModuleEvaluation): Evaluation<C> {
  return {
    _type: "configuration",
    get options() {
      return ev.checkedOptions;
    },
    get config() {
      return ev.config as C;
    },
    get _module() {
      return ev.config._module;
    },
    extendModules: ev.extendModules as (args?: ExtendArgs) => Evaluation<C>,
    get type() {
      return ev.type;
    },
    class: ev.cls,
  };
}

/**
 * Evaluate modules. The config's type is `C` when given, else that of the modules
 * (ConfigOfModules: typed when every module is, as those of defineModule and defaultModules are).
 */
export function evalModules<C = never, M extends readonly Module[] = readonly Module[]>(
  evalArgs: EvalModulesArgs & { modules: M },
): Evaluation<[C] extends [never] ? ConfigOfModules<M> : C> {
  const ev = new ModuleEvaluation(evalArgs);
  ev.rootFile = callerFile(currentStack(evalModules));
  return publicEvaluation(ev);
}

/**
 * The file of the user's code on `stack` (the caller of evalModules), as shown in messages,
 * worked out when first needed: `<unknown-file>` when no user code called it (nixmod's own).
 */
const callerFile = (stack: () => string | undefined): Lazy<string> =>
  new Lazy(() => {
    const at = userFrame(stack());
    return at === undefined ? unknownModule : shownPath(at.file);
  });
