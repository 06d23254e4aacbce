/**
 * Types whose values are modules: submodule / submoduleWith (a value is the
 * config of a nested module evaluation) and deferredModule (a value is a
 * module, evaluated elsewhere).
 */
import { isAttrs, nullProto } from "../lib/attrs-lazy.js";
import { throwError } from "../lib/errors.js";
import { ModuleEvaluation, nameModule, ownModuleTree } from "../lib/evaluation.js";
import { Lazy } from "../lib/lazy.js";
import type { Module } from "../lib/module-types.js";
import type { SubmoduleConfigOf } from "../lib/typed.js";
import { showOption } from "../lib/options.js";
import { mkOptionDefault } from "../lib/properties.js";
import { path } from "./basic.js";
import { defaultFunctor, mkOptionType, type Functor, type OptionType } from "./option-type.js";

export interface SubmoduleWithArgs {
  modules: readonly Module[];
  specialArgs?: Record<string, unknown>;
  /** true for `types.submodule`: an attribute set definition is config only. null: whatever others declare. */
  shorthandOnlyDefinesConfig?: boolean | null;
  description?: string | null;
  class?: string | null;
}

const isModuleValue = (x: unknown): boolean =>
  (isAttrs(x) && typeof x !== "function") || typeof x === "function" || path.check(x);

export function submoduleWith<C = any>(attrs: SubmoduleWithArgs): OptionType<C> {
  // Read lazily: a module may compute shorthandOnlyDefinesConfig from config.
  const { modules, specialArgs = {}, description = null } = attrs;
  const shorthand = (): boolean | null =>
    attrs.shorthandOnlyDefinesConfig === undefined ? false : attrs.shorthandOnlyDefinesConfig;
  const cls = attrs.class ?? null;
  const allModules = (defs: readonly { file: string; value: unknown }[]): Module[] =>
    defs.map(({ value, file }) =>
      isAttrs(value) && typeof value !== "function" && shorthand()
        ? { _file: file, config: value }
        : { _file: file, imports: [value] },
    );
  const base = new Lazy<ModuleEvaluation>(
    () =>
      new ModuleEvaluation({
        class: cls,
        specialArgs,
        modules: [{ _module: ownModuleTree({ args: { name: mkOptionDefault("‹name›") } }) }, ...modules],
        name: "‹name›",
      }),
  );
  const freeformType = (): OptionType | null => base.force().config._module.freeformType;

  const functor: Functor = {
    ...defaultFunctor("submodule"),
    type: submoduleWith,
    payload: {
      modules,
      class: cls,
      specialArgs,
      get shorthandOnlyDefinesConfig() {
        return shorthand();
      },
      description,
    },
    binOp: (lhs: Required<SubmoduleWithArgs>, rhs: Required<SubmoduleWithArgs>) => {
      const pick = <K extends "class" | "description" | "shorthandOnlyDefinesConfig">(k: K, msg: string) => {
        if (lhs[k] == null) return rhs[k] ?? null;
        if (rhs[k] == null) return lhs[k];
        if (lhs[k] === rhs[k]) return lhs[k];
        return throwError(msg);
      };
      const lsa = lhs.specialArgs ?? {};
      const rsa = rhs.specialArgs ?? {};
      const intersecting = Object.keys(lsa).filter((k) => k in rsa);
      return {
        class: pick(
          "class",
          `A submoduleWith option is declared multiple times with conflicting class values "${String(lhs.class)}" and "${String(rhs.class)}".`,
        ),
        modules: [...lhs.modules, ...rhs.modules],
        specialArgs:
          intersecting.length === 0
            ? { ...lsa, ...rsa }
            : throwError(
                `A submoduleWith option is declared multiple times with the same specialArgs "${intersecting.sort().join(" ")}"`,
              ),
        shorthandOnlyDefinesConfig: pick(
          "shorthandOnlyDefinesConfig",
          "A submoduleWith option is declared multiple times with conflicting shorthandOnlyDefinesConfig values",
        ),
        description: pick(
          "description",
          "A submoduleWith option is declared multiple times with conflicting descriptions",
        ),
      };
    },
  };

  const t = mkOptionType<C>({
    name: "submodule",
    check: isModuleValue,
    merge: (loc, defs) =>
      base.force().extend({
        modules: [nameModule(loc[loc.length - 1]!), ...allModules(defs)],
        prefix: loc,
        name: loc[loc.length - 1],
      }).config as C,
    emptyValue: { value: {} },
    getSubOptions: (prefix) => {
      const opts = base.force().extend({ prefix }).checkedOptions;
      const ff = freeformType();
      if (ff == null) return opts;
      const out = nullProto();
      Object.defineProperties(out, Object.getOwnPropertyDescriptors(opts));
      out._freeformOptions = ff.getSubOptions(prefix);
      return out;
    },
    getSubModules: [...modules],
    substSubModules: (m) => submoduleWith({ ...attrs, modules: m }),
    functor,
  });
  let desc: string | undefined;
  Object.defineProperty(t, "description", {
    enumerable: true,
    get: () => (desc ??= description ?? freeformType()?.description ?? "submodule"),
  });
  Object.defineProperty(t, "nestedTypes", {
    enumerable: true,
    get: () => {
      const ff = freeformType();
      return ff == null ? {} : { freeformType: ff };
    },
  });
  return t;
}

/** `C`, the config of a value, is inferred from the options the modules declare (see src/lib/typed.ts). */
export const submodule = <M extends Module = Module, C = SubmoduleConfigOf<M>>(
  modules: M | readonly M[],
): OptionType<C> =>
  submoduleWith<C>({
    shorthandOnlyDefinesConfig: true,
    modules: Array.isArray(modules) ? modules : [modules],
  });

export function deferredModuleWith(attrs: { staticModules?: readonly Module[] } = {}): OptionType<Module> {
  const staticModules = attrs.staticModules ?? [];
  const inner = submoduleWith({ modules: staticModules });
  return mkOptionType<Module>({
    name: "deferredModule",
    description: "module",
    descriptionClass: "noun",
    check: isModuleValue,
    merge: (loc, defs) => ({
      imports: [
        ...staticModules,
        ...defs.map((def) => ({ _file: `${def.file}, via option ${showOption(loc)}`, imports: [def.value] })),
      ],
    }),
    getSubOptions: inner.getSubOptions,
    getSubModules: inner.getSubModules,
    substSubModules: (m) => deferredModuleWith({ ...attrs, staticModules: m }),
    functor: {
      ...defaultFunctor("deferredModuleWith"),
      type: deferredModuleWith,
      payload: { staticModules },
      binOp: (lhs: { staticModules: Module[] }, rhs: { staticModules: Module[] }) => ({
        staticModules: [...lhs.staticModules, ...rhs.staticModules],
      }),
    },
  });
}

export const deferredModule = deferredModuleWith();
