/**
 * evalModules: the fixpoint. Modules are collected with `config` and
 * `options` arguments that are not computed yet; their definitions are then
 * merged against their declarations, and `config` becomes the tree of option
 * values, each computed when first read. A module may read any option of the
 * final `config`, as long as what it reads does not need itself.
 */
import { isAttrs, nullProto } from "./attrs-lazy.js";
import { cells, setCell } from "./cells.js";
import { collectModules, moduleArgs } from "./collect.js";
import { addErrorContext, throwError } from "./errors.js";
import { force, Lazy } from "./lazy.js";
import { mergeModules, type MergedModules } from "./merge.js";
import type { Module } from "./module-types.js";
import { mkOption, showDefs, showOption } from "./options.js";
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
function deferredObject(ref: Lazy<object>): any {
  // A configurable attribute of the target: the proxy may hide it (proxy invariants).
  const target: Record<symbol, unknown> = nullProto();
  target[DEFERRED] = ref;
  return new Proxy(target, deferredHandler);
}

/** `recursiveUpdate lhs rhs`, keeping the right side's values lazy where the left has nothing. */
function recursiveUpdate(lhs: unknown, rhs: unknown): unknown {
  if (!isAttrs(lhs) || !isAttrs(rhs)) return rhs;
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
      setCell(out, n, new Lazy(() => recursiveUpdate(force(lc), force(c))));
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

/** The name of the collection phase in a recursion chain. */
const collectingLabel = (prefix: readonly string[]): string =>
  prefix.length === 0 ? "<collecting modules>" : `<collecting modules of ${showOption(prefix)}>`;

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
 */
const ownModuleTrees = new WeakSet<object>();
/** Mark a `_module` tree as the engine's own (see ownModuleTrees); returns it. */
export function ownModuleTree<T extends object>(tree: T): T {
  ownModuleTrees.add(tree);
  return tree;
}

export function evalModules<C = any>(evalArgs: EvalModulesArgs): Evaluation<C> {
  const prefix = [...(evalArgs.prefix ?? [])];
  const specialArgs = evalArgs.specialArgs ?? {};
  const cls = evalArgs.class ?? null;
  const legacyModules: Module[] = [];
  if (evalArgs.args !== undefined) legacyModules.push({ config: { _module: { args: evalArgs.args } } });
  if (evalArgs.check !== undefined)
    legacyModules.push({ config: { _module: { check: mkDefault(evalArgs.check) } } });
  const regularModules: readonly Module[] =
    legacyModules.length === 0 ? evalArgs.modules : [...evalArgs.modules, ...legacyModules];

  const extendModules = (ext: ExtendArgs = {}): Evaluation<C> =>
    evalModules<C>({
      ...evalArgs,
      class: cls,
      modules: ext.modules === undefined ? regularModules : [...regularModules, ...ext.modules],
      specialArgs: ext.specialArgs === undefined ? specialArgs : { ...specialArgs, ...ext.specialArgs },
      prefix: ext.prefix ?? evalArgs.prefix ?? [],
      name: ext.name ?? evalArgs.name,
    });
  const type = new Lazy(() => T.types.submoduleWith({ modules: evalArgs.modules, specialArgs, class: cls }));

  const internalModule = {
    _file: "lib/modules.nix",
    key: "lib/modules.nix",
    options: internalOptions(prefix.length === 0),
    config: {
      _module: ownModuleTree({
        args: {
          extendModules,
          get moduleType() {
            return type.force();
          },
        },
        specialArgs,
      }),
    },
  };
  /** `_module` is only the engine's own: check and freeformType are their defaults (see ownModuleTrees). */
  const moduleIsOwn = new Lazy(() => merged.force().onlyOwn("_module", ownModuleTrees));

  const options = new Lazy(() => merged.force().matchedOptions);

  const declaredConfig = new Lazy(() => merged.force().configTree(true));
  const configRef: Lazy<Record<string, any>> = new Lazy(() => {
    const declared = declaredConfig.force();
    if (moduleIsOwn.force()) return declared;
    const freeformType = (declared._module as Record<string, any>).freeformType;
    if (freeformType == null) return declared;
    const defs = merged
      .force()
      .unmatchedDefns()
      .map((d) => ({ file: d.file, value: setAttrByPath(d.prefix, force(d.value)) }));
    const freeformConfig = defs.length === 0 ? nullProto() : freeformType.merge(prefix, defs);
    const combined = recursiveUpdate(freeformConfig, declared) as Record<string, any>;
    Object.defineProperty(combined, "_module", {
      enumerable: false,
      configurable: true,
      get: () => declared._module,
    });
    return combined;
  });

  const merged = new Lazy<MergedModules>(() => {
    const fixed: Record<string, unknown> = {
      lib: L.lib,
      options: deferredObject(options),
      config: deferredObject(configRef),
      specialArgs,
      // Fixed by the evalModules arguments alone, so handed over directly
      // (in Nix they come from _module.args, which JS destructuring can't wait for).
      extendModules,
      get moduleType() {
        return type.force();
      },
      ...(evalArgs.name !== undefined ? { name: evalArgs.name } : {}),
      ...specialArgs,
    };
    const lookup = (name: string): unknown => {
      const args = configRef.force()._module.args as Record<string, unknown>;
      if (!(name in args)) throwError(`attribute '${name}' missing`);
      return args[name];
    };
    const collected = collectModules(
      cls,
      String(specialArgs.modulesPath ?? ""),
      [...regularModules, internalModule],
      (key) => moduleArgs(key, fixed, lookup),
    );
    return mergeModules(prefix, collected.reverse());
  }, collectingLabel(prefix));
  const checkUnmatched = new Lazy(() => {
    if (moduleIsOwn.force() && !merged.force().anyUnmatched("_module")) return;
    const cfg = configRef.force();
    const mod = cfg._module as Record<string, any>;
    if (!mod.check || mod.freeformType != null) return;
    const unmatched = merged.force().unmatchedDefns();
    if (unmatched.length === 0) return;
    const first = unmatched[0]!;
    const optText = showOption([...prefix, ...first.prefix]);
    const defText = addErrorContext(
      `while evaluating the error message for definitions for \`${optText}', which is an option that does not exist`,
      () => addErrorContext(`while evaluating a definition from \`${first.file}'`, () => showDefs([first])),
    );
    const baseMsg = `The option \`${optText}' does not exist. Definition values:${defText}`;
    const names = Object.keys(options.force());
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
    throwError(baseMsg);
  });

  // The config without `_module': that attribute is not enumerable (see MergedModules.configTree).
  const publicConfig = configRef;

  return {
    _type: "configuration",
    get options() {
      checkUnmatched.force();
      return options.force();
    },
    get config() {
      checkUnmatched.force();
      return publicConfig.force() as C;
    },
    get _module() {
      checkUnmatched.force();
      return configRef.force()._module;
    },
    extendModules,
    get type() {
      return type.force();
    },
    class: cls,
  };
}
