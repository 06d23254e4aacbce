/**
 * Modules that rename, change, merge, alias or remove options, keeping old
 * definitions working with a warning (or an assertion for removed ones).
 */
import { abort } from "./errors.js";
import type { ModuleArgs, ModuleFunction } from "./module-types.js";
import { attrByPath, getAttrFromPath, setAttrByPath } from "./nix/attrsets.js";
import { isInOldestRelease } from "./nix/trivial.js";
import { activeLibRevision } from "./lib-revision.js";
import { trace, warnIf } from "./nix/trivial.js";
import { isOption, mkOption, showFiles, showOption } from "./options.js";
import { mkIf, mkMergeLazy, mkOverride, defaultOverridePriority } from "./properties.js";
import * as T from "../types/index.js";

type Path = readonly string[];

/** Carry every definition (with its properties) of `option` over, wrapped by `wrap`. */
export const mkAliasAndWrapDefinitions = (wrap: (x: unknown) => unknown, option: any): unknown =>
  mkAliasIfDef(option, {
    get content() {
      return wrap(mkMergeLazy(() => option.definitions));
    },
  });

export const mkAliasDefinitions = (option: any): unknown => mkAliasAndWrapDefinitions((x) => x, option);

/** Like mkAliasAndWrapDefinitions, and keep the priority of the definitions. */
export const mkAliasAndWrapDefsWithPriority = (wrap: (x: unknown) => unknown, option: any): unknown =>
  mkAliasIfDef(option, {
    get content() {
      const prio = defaultOverridePriority;
      return wrap(mkMergeLazy(() => (option.definitions as unknown[]).map((d) => mkOverride(option.highestPrio ?? prio, d))));
    },
  });

/** mkIf (option is defined), with a lazily computed content. */
function mkAliasIfDef(option: any, holder: { readonly content: unknown }): unknown {
  const node = mkIf(() => isOption(option) && (option as any).isDefined === true, undefined as unknown);
  Object.defineProperty(node, "content", { enumerable: true, get: () => holder.content });
  return node;
}

export interface DoRenameArgs {
  from: Path;
  to: Path;
  visible: boolean;
  warn: boolean;
  use: (x: unknown) => unknown;
  withPriority?: boolean;
}

export function doRename(args: DoRenameArgs): ModuleFunction {
  const { from, to, visible, use, withPriority = true } = args;
  return ({ config, options }: ModuleArgs) => {
    const fromOpt = (): any => getAttrFromPath(from, options);
    const toOf = (c: unknown): unknown =>
      attrByPath(to, undefined, c) ?? abort(`Renaming error: option \`${showOption(to)}' does not exist.`);
    const toType = (): unknown => (attrByPath(to, {}, options) as { type?: unknown }).type ?? T.types.submodule({});
    const wrapTo = (x: unknown): unknown => setAttrByPath(to, x);
    const aliasDefs = withPriority
      ? mkAliasAndWrapDefsWithPriority(wrapTo, lazyOption(fromOpt))
      : mkAliasAndWrapDefinitions(wrapTo, lazyOption(fromOpt));
    return {
      options: setAttrByPath(
        from,
        mkOption({
          visible,
          description: `Alias of {option}\`${showOption(to)}\`.`,
          apply: () => use(toOf(config)),
          get type() {
            return toType();
          },
        } as any),
      ),
      config: mkMergeLazy(() => [
        "warnings" in options
          ? {
              get warnings() {
                // (`args.warn` read here: it may depend on the lib in force.)
                return args.warn && fromOpt().isDefined
                  ? [`The option \`${showOption(from)}' defined in ${showFiles(fromOpt().files)} has been renamed to \`${showOption(to)}'.`]
                  : [];
              },
            }
          : {},
        aliasDefs,
      ]),
    };
  };
}

/** An option read only when one of its attributes is. */
function lazyOption(get: () => any): any {
  return new Proxy(
    {},
    {
      get: (_t, p) => get()[p],
      has: (_t, p) => p in get(),
    },
  );
}

export const mkRenamedOptionModule = (from: Path, to: Path): ModuleFunction =>
  doRename({
    from,
    to,
    visible: false,
    warn: true,
    use: (x) => trace(`Obsolete option \`${showOption(from)}' is used. It was renamed to \`${showOption(to)}'.`, x),
  });

/**
 * Is `release` (2311 for 23.11) no later than the oldest release the lib in force supports
 * (23.05 for the 2023-07 lib, 24.11 for the 2025-06 one)?
 */
const supportedSince = (release: number): boolean =>
  activeLibRevision() === "2023-07" ? isInOldestRelease(release) : release <= 2411;

export const mkRenamedOptionModuleWith = ({ from, to, sinceRelease }: { from: Path; to: Path; sinceRelease: number }): ModuleFunction =>
  doRename({
    from,
    to,
    visible: false,
    get warn() {
      return supportedSince(sinceRelease);
    },
    use: (x) =>
      warnIf(
        supportedSince(sinceRelease),
        `Obsolete option \`${showOption(from)}' is used. It was renamed to \`${showOption(to)}'.`,
        x,
      ),
  });

export const mkAliasOptionModule = (from: Path, to: Path): ModuleFunction =>
  doRename({ from, to, visible: true, warn: false, use: (x) => x });
export const mkAliasOptionModuleMD = mkAliasOptionModule;

const sentinel = "_mkMergedOptionModule";

/** Several old options merged into a new one of another type by `mergeFn config`. */
export function mkMergedOptionModule(from: readonly Path[], to: Path, mergeFn: (config: any) => unknown): ModuleFunction {
  return ({ config, options }: ModuleArgs) => {
    let decls: any = {};
    for (const path of from) {
      decls = mergeTrees(decls, setAttrByPath(path, mkOption({ visible: false, default: sentinel })));
    }
    const used = (): boolean => from.some((f) => getAttrFromPath(f, config) !== sentinel);
    const node = mkMergeLazy(() => (used() ? [mergeFn(config)] : []));
    const cfg = setAttrByPath(to, node) as Record<string, unknown>;
    Object.defineProperty(cfg, "warnings", {
      enumerable: true,
      configurable: true,
      get: () =>
        from
          .map((f) =>
            getAttrFromPath(f, config) !== sentinel
              ? `The option \`${showOption(f)}' defined in ${showFiles((getAttrFromPath(f, options) as any).files)} has been changed to \`${showOption(to)}' that has a different type. Please read \`${showOption(to)}' documentation and update your configuration accordingly.`
              : "",
          )
          .filter((x) => x !== ""),
    });
    return { options: decls, config: cfg };
  };
}

/** recursiveUpdate for declaration trees (options are leaves). */
function mergeTrees(a: any, b: any): any {
  if (isOption(a) || isOption(b) || typeof a !== "object" || typeof b !== "object" || a === null || b === null) return b;
  const out: any = Object.create(null);
  for (const k of Object.keys(a)) out[k] = a[k];
  for (const k of Object.keys(b)) out[k] = k in out ? mergeTrees(out[k], b[k]) : b[k];
  return out;
}

/** One old option changed into a new one of another type. */
export const mkChangedOptionModule = (from: Path, to: Path, changeFn: (config: any) => unknown): ModuleFunction =>
  mkMergedOptionModule([from], to, changeFn);

/** An option that is gone: defining it fails an assertion with the replacement instructions. */
export function mkRemovedOptionModule(optionName: Path, replacementInstructions: string): ModuleFunction {
  return ({ options }: ModuleArgs) => ({
    options: setAttrByPath(
      optionName,
      mkOption({
        visible: false,
        apply: () =>
          abortThrow(
            `The option \`${showOption(optionName)}' can no longer be used since it's been removed. ${replacementInstructions}`,
          ),
      }),
    ),
    config: {
      get assertions() {
        const opt = getAttrFromPath(optionName, options) as any;
        return [
          {
            assertion: !opt.isDefined,
            message: `The option definition \`${showOption(optionName)}' in ${showFiles(opt.files)} no longer has any effect; please remove it.\n${replacementInstructions}\n`,
          },
        ];
      },
    },
  });
}

import { throwError } from "./errors.js";
const abortThrow = (msg: string): never => throwError(msg);
