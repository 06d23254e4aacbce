/**
 * Collecting modules: load each module (call functions with the module
 * arguments), put it in canonical form, follow `imports` recursively, drop
 * `disabledModules`, and de-duplicate by `key` in Nix's breadth-first order.
 */
import { isAttrs, isAttrsValue, jsObjectKind, nullProto, sortedNames } from "./attrs-lazy.js";
import { cellOf, cells, setCell } from "./cells.js";
import { addErrorContext, InfiniteRecursionError, throwError, throwTypeError } from "./errors.js";
import type { UnifiedModule } from "./module-types.js";
import { activeLibRevision } from "./lib-revision.js";
import { showDefs, showOption } from "./options.js";
import { mkMerge } from "./properties.js";
import { escapeNixString, isConvertibleWithToString, toString } from "./nix/strings.js";
import { describeType, typeOf } from "./nix/attrsets.js";

export const unknownModule = "<unknown-file>";

/** The message of a module of class `moduleClass` imported where modules of class `cls` are. */
function wrongClassMessage(module: string, moduleClass: string, cls: string): string {
  if (activeLibRevision() === "2023-07")
    return `The module ${module} was imported into ${cls} instead of ${moduleClass}.`;
  const [m, c] = [escapeNixString(moduleClass), escapeNixString(cls)];
  return (
    `The module \`${module}\` (class: ${m}) cannot be imported into a module evaluation that expects class ${c}.\n\n` +
    "Help:\n" +
    "- Ensure that you are importing the correct module.\n" +
    `- Verify that the module's \`_class\`, ${m} matches the expected \`class\` ${c}.\n` +
    "- If you are using a custom class, make sure it is correctly defined and used consistently across your modules.\n"
  );
}

/** The 2025-06 lib's terminal styles in its messages: bold purple, bold green, bold. */
const esc = "\u001b";
const warnStyle = (s: string): string => `${esc}[1;35m${s}${esc}[0m`;
const goodStyle = (s: string): string => `${esc}[1;32m${s}${esc}[0m`;
const codeStyle = (s: string): string => `${esc}[1m${s}${esc}[0m`;

/**
 * The message of a value of another `_type` than a module where a module is loaded (from
 * `file`, into an evaluation of class `cls` at `prefix`), in the words of the lib in force.
 */
function notAModuleMessage(t: unknown, file: string, cls: string | null, prefix: readonly string[]): string {
  if (activeLibRevision() === "2023-07") {
    return (
      `Could not load a value as a module, because it is of type ${escapeNixString(String(t))}` +
      (file !== unknownModule ? `, in file ${file}.` : "") +
      (t === "configuration"
        ? " If you do intend to import this configuration, please only import the modules that make up the configuration. You may have to create a `let` binding, file or attribute to give yourself access to the relevant modules.\nWhile loading a configuration into the module system is a very sensible idea, it can not be done cleanly in practice."
        : "")
    );
  }
  const paragraphs = [
    `Expected a module, but found a value of type ${warnStyle(escapeNixString(String(t)))}` +
      (file !== unknownModule ? `, while trying to load a module into ${file}` : "") +
      (prefix.length > 0 ? `, while trying to load a module into ${codeStyle(showOption(prefix))}` : "") +
      ".\n" +
      `A module is typically loaded by adding it to the ${codeStyle("imports = [ ... ];")} attribute of an existing module, or in the ${codeStyle("modules = [ ... ];")} argument of various functions.\n` +
      "Please make sure that each of the list items is a module, and not a different kind of value.",
  ];
  if (t === "configuration") {
    paragraphs.push(
      "If you really mean to import this configuration, instead please only import the modules that make up the configuration.\n" +
        "You may have to create a `let` binding, file or attribute to give yourself access to the relevant modules.\n" +
        "While loading a configuration into the module system is a very sensible idea, it can not be done cleanly in practice.",
    );
  } else if (t === "flake") {
    const flake = warnStyle("inputs.someflake");
    const lines = [
      "Perhaps you forgot to select an attribute name?\n" +
        "Instead of, for example,\n" +
        `    ${flake}\n` +
        "you need to write something like\n" +
        `    ${flake}${goodStyle(cls === null ? ".modules.someApp.default" : `.modules.${cls}.default`)}`,
    ];
    if (cls === "nixos" || cls === "darwin")
      lines.push(`or\n    ${flake}${goodStyle(`.${cls}Modules.default`)}`);
    paragraphs.push(lines.join("\n"));
  }
  return paragraphs.join("\n\n");
}

/** Resolves a string import (a file path) to a module; set by the file loader. */
export type ImportResolver = (path: string) => unknown;
let importResolver: ImportResolver | undefined;
export const setImportResolver = (r: ImportResolver | undefined): void => {
  importResolver = r;
};

/**
 * `toString m.<attr>` of a module's `_file` or `key` (Nix's unifyModuleSyntax): Nix's
 * coercion (a number is its digits, `true` is "1", a set without `__toString` or `outPath`
 * an error), naming the module when it fails.
 */
const moduleString = (v: unknown, attr: string, file: string): string =>
  typeof v === "string"
    ? v
    : addErrorContext(
        () => `while evaluating the \`${attr}' of the module \`${file}'`,
        () => toString(v),
      );

/**
 * The `options` of a module that declares none: one object for all, so that the
 * declarations of submodule instances are the same objects (see mergeModulesPrime).
 */
const noOptions: Readonly<Record<string, unknown>> = Object.freeze(nullProto());
/** The `config` of a module that defines nothing (one object for all). */
const noConfig: Readonly<Record<string, unknown>> = Object.freeze(nullProto());

/** An empty list of imports or disabled modules (one frozen list for all). */
const NO_MODULES: unknown[] = Object.freeze([]) as unknown as unknown[];

/**
 * `removeAttrs`, keeping getters lazy: the object itself when it has none of `names`, and
 * the shared empty config when it has nothing else (a definition wrapped as a module,
 * `{ _file, imports }`, for every submodule instance).
 */
export function withoutAttrs(obj: object, names: readonly string[]): Record<string, unknown> {
  const own = Object.keys(obj);
  let removed = 0;
  for (let i = 0; i < own.length; i++) if (names.includes(own[i]!)) removed++;
  if (removed === 0) return obj as Record<string, unknown>;
  if (removed === own.length) return noConfig;
  const out = nullProto();
  for (const [n, c] of cells(obj)) if (!names.includes(n)) setCell(out, n, c);
  return out;
}

/** `m.<name> or []`, which must be a list (Nix's error otherwise, naming the module). */
function listAttr(mm: Record<string, unknown>, name: string, file: string): unknown[] {
  const v = mm[name] ?? NO_MODULES;
  if (!Array.isArray(v)) {
    throwTypeError(
      `value is ${describeType(v)} while a list was expected, in the \`${name}' of module \`${file}'`,
    );
  }
  return v;
}

/** The attributes a module with `config` or `options` may have besides those two (Nix's list). */
export const EXPLICIT_MODULE_ATTRS: readonly string[] = Object.freeze([
  "_class",
  "_file",
  "key",
  "disabledModules",
  "imports",
  "options",
  "config",
  "meta",
  "freeformType",
]);
const explicitAttrs = new Set(EXPLICIT_MODULE_ATTRS);
/** What is not config in a module without `config` and `options` (Nix's list). */
export const IMPLICIT_NON_CONFIG: readonly string[] = Object.freeze([
  "_class",
  "_file",
  "key",
  "disabledModules",
  "require",
  "imports",
  "freeformType",
]);

/**
 * Nix's `does not look like a module` for `m`, loaded as a module of `file` (`returned`: the
 * result of a module function), and a line saying what `m` is. What Nix has no counterpart
 * of gets where it usually comes from: JavaScript's `undefined`, and a Promise.
 */
export function notAModule(file: string, key: string, m: unknown, returned = false): never {
  const what = returned
    ? `The module function returned ${returnedValue(m)} instead of an attribute set.`
    : `It is ${importedValue(m)}.`;
  return throwError(`module ${file} (${key}) does not look like a module.\n${what}`);
}

const SYNCHRONOUS =
  "the module system evaluates synchronously, so a module is given itself, not a Promise of it";

/** What a module function returned, where it is not a module. */
function returnedValue(m: unknown): string {
  if (m instanceof Promise) return `a Promise (an \`async\` function returns one: ${SYNCHRONOUS})`;
  if (m === undefined)
    return "`undefined` (an arrow function whose body is `{ ... }` returns nothing: write `=> ({ ... })`)";
  return describeValue(m);
}

/** Nix's name of a value's type, or the kind of a JavaScript object that is no Nix value. */
function describeValue(m: unknown): string {
  const kind = isAttrs(m) ? jsObjectKind(m) : undefined;
  return kind === undefined ? describeType(m) : `a JavaScript ${kind}`;
}

/** What a module given as a value (in `modules` or `imports`) is, where it is not a module. */
function importedValue(m: unknown): string {
  if (m instanceof Promise) {
    return `a Promise (an \`async\` function returns one): ${SYNCHRONOUS}; a module file's default export may be a Promise, which the loader awaits`;
  }
  if (m === undefined) {
    return '`undefined`: what a JavaScript `import` of a module file gives while that file is still being evaluated (in an import cycle, a file importing one that imports it), or for a name the file does not export. Import module files by path instead (`imports: ["./other.ts"]`): each file is then loaded once, and a cycle is named with its files';
  }
  return `${describeValue(m)}; a module is an attribute set, a function returning one, or the path of a module file`;
}

/** Nix's unifyModuleSyntax: a module in canonical form (`returned`: what a module function returned). */
export function unifyModuleSyntax(file: string, key: string, m: unknown, returned = false): UnifiedModule {
  if (!isAttrsValue(m)) notAModule(file, key, m, returned);
  const mm = m as Record<string, unknown>;
  const ownFile = mm._file == null ? file : moduleString(mm._file, "_file", file);
  const withFreeformType = (config: unknown): unknown =>
    "freeformType" in mm ? mkMerge([config, { _module: { freeformType: mm.freeformType } }]) : config;
  if ("config" in mm || "options" in mm) {
    for (const n in mm) {
      if (explicitAttrs.has(n) || !Object.prototype.hasOwnProperty.call(mm, n)) continue;
      const bad = sortedNames(mm).filter((n) => !explicitAttrs.has(n));
      // (An anonymous module, such as a module file's function the loader gave its file as
      // `key`, is named by that key, as Nix names a module imported by path.)
      const named = key.includes(":anon-") && typeof mm.key === "string" ? mm.key : key;
      throwError(
        `Module \`${named}' has an unsupported attribute \`${bad[0]}'. This is caused by introducing a top-level \`config' or \`options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: ${bad.join(" ")}) into the explicit \`config' attribute.`,
      );
    }
    // `config` stays unevaluated (it may read `options` or `config`) until definitions are merged.
    const config = cellOf(mm, "config") ?? noConfig;
    return {
      _file: ownFile,
      _class: (mm._class as string | undefined) ?? null,
      key: mm.key == null ? key : moduleString(mm.key, "key", ownFile),
      disabledModules: listAttr(mm, "disabledModules", ownFile),
      imports: listAttr(mm, "imports", ownFile),
      options: mm.options ?? noOptions,
      config: withFreeformType("meta" in mm ? mkMerge([config, { meta: mm.meta }]) : config),
    };
  }
  const required = listAttr(mm, "require", ownFile);
  const imports = listAttr(mm, "imports", ownFile);
  return {
    _file: ownFile,
    _class: (mm._class as string | undefined) ?? null,
    key: mm.key == null ? key : moduleString(mm.key, "key", ownFile),
    disabledModules: listAttr(mm, "disabledModules", ownFile),
    imports: required.length === 0 ? imports : [...required, ...imports],
    options: noOptions,
    config: withFreeformType(withoutAttrs(mm, IMPLICIT_NON_CONFIG)),
  };
}

/**
 * The arguments object handed to one function module: the fixed arguments
 * (config, options, lib, specialArgs and its attributes, and a submodule's
 * name), and any other name looked up in `config._module.args` when read.
 */
export function moduleArgs(
  key: string,
  fixed: Record<string, unknown>,
  lookup: (name: string) => unknown,
): Record<string, unknown> {
  // The proxy's target keeps what its traps need (a configurable attribute, which the proxy
  // may hide), so that one handler serves every module function call.
  const target: Record<symbol, unknown> = nullProto();
  target[ARGS] = { key, fixed, lookup };
  return new Proxy(target, moduleArgsHandler) as Record<string, unknown>;
}

const ARGS = Symbol("module arguments");
interface ArgsOf {
  key: string;
  fixed: Record<string, unknown>;
  lookup: (name: string) => unknown;
}
const argsOf = (t: object): ArgsOf => (t as { [ARGS]: ArgsOf })[ARGS];
const hasOwn = (o: object, p: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, p);

/** An argument: a fixed one, or one looked up in `_module.args` when read. */
function moduleArg({ key, fixed, lookup }: ArgsOf, name: string): unknown {
  if (hasOwn(fixed, name)) return fixed[name];
  return addErrorContext(`while evaluating the module argument \`${name}' in "${key}":`, () => {
    try {
      return lookup(name);
    } catch (e) {
      if (e instanceof InfiniteRecursionError) {
        throwError(
          `infinite recursion encountered\nthe module argument \`${name}' of "${key}" comes from \`_module.args', which is only known once every module has been collected; ` +
            `read it lazily (\`args.${name}' inside a getter or thunk) or pass it in \`specialArgs'`,
        );
      }
      throw e;
    }
  });
}

const moduleArgsHandler: ProxyHandler<object> = {
  get: (t, p) => (typeof p === "string" ? moduleArg(argsOf(t), p) : undefined),
  has: (t, p) => typeof p === "string" && hasOwn(argsOf(t).fixed, p),
  ownKeys: (t) => Object.keys(argsOf(t).fixed),
  getOwnPropertyDescriptor: (t, p) => {
    const { fixed } = argsOf(t);
    return typeof p === "string" && hasOwn(fixed, p)
      ? { enumerable: true, configurable: true, writable: false, value: fixed[p] }
      : undefined;
  },
};

interface Node {
  key: string;
  module: UnifiedModule;
  modules: readonly Node[];
  /** The module value it was loaded from, if `disabledModules` may name it by identity. */
  source: object | undefined;
}

/** No imports (one frozen list for all). */
const NO_NODES: readonly Node[] = Object.freeze([]);

/** The disabled modules of `nodes` and all they import, module by module, depth first. */
function disabledOf(nodes: readonly Node[], out: { file: string; disabled: unknown[] }[]): void {
  for (const n of nodes) {
    if (n.module.disabledModules.length > 0)
      out.push({ file: n.module._file, disabled: n.module.disabledModules });
    disabledOf(n.modules, out);
  }
}

/** The keys each module value was loaded under, so that `disabledModules` may name it by value. */
function keysBySource(nodes: readonly Node[], out: Map<object, string[]>): void {
  for (const n of nodes) {
    if (n.source !== undefined) {
      const keys = out.get(n.source);
      if (keys) keys.push(n.module.key);
      else out.set(n.source, [n.module.key]);
    }
    keysBySource(n.modules, out);
  }
}

/** No disabled modules (one frozen set for all). */
const NO_KEYS: ReadonlySet<string> = Object.freeze(new Set<string>());

/** The keys of the modules that `disabledModules` of the collected tree `roots` disable. */
function disabledModuleKeys(roots: readonly Node[], modulesPath: string): ReadonlySet<string> {
  const disabled: { file: string; disabled: unknown[] }[] = [];
  const identityKeys = new Map<object, string[]>();
  disabledOf(roots, disabled);
  keysBySource(roots, identityKeys);
  const moduleKeys = (file: string, m: unknown): string[] => {
    if (
      (isAttrs(m) || typeof m === "function") &&
      !(isAttrs(m) && "key" in m) &&
      identityKeys.has(m as object)
    ) {
      return identityKeys.get(m as object)!;
    }
    const k = moduleKey(file, m);
    return k === undefined ? [] : [k];
  };
  /** The key an item disables (Nix's moduleKey); undefined for a `key` no module has, not being a string. */
  const moduleKey = (file: string, m: unknown): string | undefined => {
    if (typeof m === "string") return m.startsWith("/") ? m : `${modulesPath}/${m}`;
    if (isConvertibleWithToString(m)) {
      // (Nix's toString: `__toString` called, `outPath` used; a set without either is not convertible.)
      const s = toString(m);
      if (isAttrs(m) && "key" in m && m.key !== s) {
        const k = m.key;
        throwError(
          `Module \`${file}\` contains a disabledModules item that is an attribute set that can be converted to a string (${s}) but also has a \`.key\` attribute (${typeof k === "string" ? k : describeType(k)}) with a different value. This makes it ambiguous which module should be disabled.`,
        );
      }
      return s;
    }
    // (A module's key is a string: any other value is equal to none, as in Nix.)
    if (isAttrs(m) && "key" in m) return typeof m.key === "string" ? m.key : undefined;
    if (isAttrs(m)) {
      throwError(
        `Module \`${file}\` contains a disabledModules item that is an attribute set, presumably a module, that does not have a \`key\` attribute. This means that the module system doesn't have any means to identify the module that should be disabled. Make sure that you've put the correct value in disabledModules: a string path relative to modulesPath, a path value, or an attribute set with a \`key\` attribute.`,
      );
    }
    if (typeof m === "function") return "<a module function that was never loaded>";
    return throwError(
      `Each disabledModules item must be a path, string, or a attribute set with a key attribute, or a value supported by toString. However, one of the disabledModules items in \`${file}\` is none of that, but is of type ${typeOf(m)}.`,
    );
  };
  return new Set(disabled.flatMap(({ file, disabled: ds }) => ds.flatMap((m) => moduleKeys(file, m))));
}

/**
 * Collect `modules` and everything they import, in the order Nix's
 * genericClosure visits them (breadth first), without disabled modules and
 * with each key once. As in Nix, a module without a `key` imported twice is
 * two modules (a file module gets its path as key from the loader). A module of
 * `modules` without a `_file` has `rootFile` as its file (`<unknown-file>` by default).
 */
export function collectModules(
  cls: string | null,
  modulesPath: string,
  initialModules: readonly unknown[],
  argsFor: (key: string) => Record<string, unknown>,
  rootFile: string = unknownModule,
  /** Where the modules are evaluated (a submodule's option path), for messages. */
  prefix: readonly string[] = [],
): UnifiedModule[] {
  /** Does any module disable others? (Only then are the lists of disabled modules made.) */
  let anyDisabled = false;

  const loadModule = (fallbackFile: string, fallbackKey: string, m: unknown): UnifiedModule => {
    if (typeof m === "function") {
      return unifyModuleSyntax(
        fallbackFile,
        fallbackKey,
        (m as (a: unknown) => unknown)(argsFor(fallbackKey)),
        true,
      );
    }
    if (isAttrs(m)) {
      const t = (m as { _type?: unknown })._type ?? "module";
      if (t === "module") return unifyModuleSyntax(fallbackFile, fallbackKey, m);
      if (t === "if" || t === "override") return loadModule(fallbackFile, fallbackKey, { config: m });
      throwError(notAModuleMessage(t, fallbackFile, cls, prefix));
    }
    if (Array.isArray(m)) {
      throwError(
        `Module imports can't be nested lists. Perhaps you meant to remove one level of lists? Definitions: ${showDefs([{ file: fallbackFile, value: m }])}`,
      );
    }
    if (typeof m === "string") {
      if (!importResolver) {
        throwError(
          `cannot import \`${m}': module files are loaded by loadModuleFile or the nixmod CLI, not by evalModules`,
        );
      }
      const loaded = importResolver(m);
      const applied = typeof loaded === "function" ? (loaded as (a: unknown) => unknown)(argsFor(m)) : loaded;
      return unifyModuleSyntax(m, m, applied, typeof loaded === "function");
    }
    return notAModule(fallbackFile, fallbackKey, m);
  };

  /** A module value `disabledModules` may name by identity: a function or a module set. */
  const identity = (m: unknown): object | undefined =>
    typeof m === "function" || (isAttrs(m) && ((m as { _type?: unknown })._type ?? "module") === "module")
      ? (m as object)
      : undefined;

  const collectStructured = (parentFile: string, parentKey: string, initial: readonly unknown[]): Node[] => {
    const nodes = new Array<Node>(initial.length);
    for (let i = 0; i < initial.length; i++) {
      const x = initial[i];
      const module = loadModule(parentFile, `${parentKey}:anon-${i + 1}`, x);
      if (cls !== null && module._class !== null && module._class !== cls) {
        throwError(wrongClassMessage(module._file || module.key, module._class, cls));
      }
      if (module.disabledModules.length > 0) anyDisabled = true;
      const modules =
        module.imports.length === 0 ? NO_NODES : collectStructured(module._file, module.key, module.imports);
      nodes[i] = { key: module.key, module, modules, source: identity(x) };
    }
    return nodes;
  };

  const roots = collectStructured(rootFile, "", initialModules);
  const disabledKeys = anyDisabled ? disabledModuleKeys(roots, modulesPath) : NO_KEYS;

  // genericClosure: a work list, breadth first, each key once.
  const seen = new Set<string>();
  const out: UnifiedModule[] = [];
  const work: Node[] = roots.filter((n) => !disabledKeys.has(n.key));
  for (let i = 0; i < work.length; i++) {
    const n = work[i]!;
    if (seen.has(n.key)) continue;
    seen.add(n.key);
    out.push(n.module);
    const { modules } = n;
    for (let j = 0; j < modules.length; j++) if (!disabledKeys.has(modules[j]!.key)) work.push(modules[j]!);
  }
  return out;
}
