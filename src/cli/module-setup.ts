/**
 * What the nixmod command does once, before the first TypeScript or JavaScript module file
 * is loaded (see setCodeModuleSetup in the loader).
 *
 * - Run from its bundle, it loads module files in this thread (code-modules.ts), and registers
 *   tsx only for a file that must be imported as an ES module (`node --import tsx` registers it
 *   up front when the command runs from its sources).
 * - A module file's `import` or `require` of `nixmod` (or `nixmod/modules`) gives the engine
 *   the command runs, wherever the file is: Node alone would give a file of a package that
 *   is not of type "module" (what `npm init` makes) a second copy of the engine, compiled to
 *   CommonJS, and a file in a project with a copy of nixmod of its own (the command
 *   installed elsewhere, globally say) that copy, or nothing where there is none. Two
 *   engines in one evaluation would not know each other's errors (an error one throws
 *   reported as an internal error) nor lazy values.
 *   - `import`: a resolve hook (bin/engine-hooks.mjs) resolves the names to the files the
 *     command's own `import` of them resolves to.
 *   - `require`: the names are resolved to files of the command (bin/require-nixmod*.cjs)
 *     whose exports are the modules the command imported. (Resolving, not loading: Node
 *     loads a CommonJS file imported by an ES module with a `require` of its own, which
 *     resolves through the CommonJS resolver but loads through the ES module loader.)
 */
import { createRequire, register } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dynamicImport, setDynamicImport } from "../loader/dynamic-import.js";
import { requireCodeModule } from "./code-modules.js";

/** The names module files import the engine by, and the file standing for each in `require` (bin/). */
const ENGINE_NAMES: Readonly<Record<string, string>> = {
  nixmod: "require-nixmod.cjs",
  "nixmod/modules": "require-nixmod-modules.cjs",
  "nixmod/build": "require-nixmod-build.cjs",
  "nixmod/diff": "require-nixmod-diff.cjs",
};

/** Where the standing-in files find the modules (see bin/require-nixmod.cjs). */
const ENGINE = Symbol.for("nixmod: the modules of the running command's engine");

/** A file of the package's bin/ directory: two directories up from this file, in src/cli or in dist/bundle. */
const binFile = (name: string): URL => new URL(`../../bin/${name}`, import.meta.url);

interface CommonJsResolver {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

/** What `import` gives for each name, imported by the command itself. */
async function engineModules(): Promise<Map<string, unknown>> {
  // (Specifiers as values: resolved when the command runs, with its export condition,
  // exactly as a module file's own import is; the bundle leaves them to Node.)
  const names = Object.keys(ENGINE_NAMES);
  const loaded = await Promise.all(names.map((n) => dynamicImport(n)));
  return new Map(names.map((n, i) => [n, loaded[i]]));
}

/**
 * The URL of each name's file, as this command's own `import` of it resolves it. (Resolved with
 * `require.resolve`: the export condition the command runs with, nixmod-bundle or
 * nixmod-source, comes first in the package's exports, so it picks the same file for `import`
 * and `require`.)
 */
function engineUrls(names: readonly string[]): Record<string, string> {
  const req = createRequire(import.meta.url);
  return Object.fromEntries(names.map((n) => [n, pathToFileURL(req.resolve(n)).href]));
}

/** Make `import(name)` of the names, from any file, resolve to the given URLs (`engine`). */
function aliasImport(engine: Readonly<Record<string, string>>): void {
  register(binFile("engine-hooks.mjs"), { data: { engine } });
}

/** Make `require(name)` give `modules.get(name)` for those names, in this process. */
function aliasRequire(modules: ReadonlyMap<string, unknown>): void {
  (globalThis as Record<symbol, unknown>)[ENGINE] = modules;
  const files = new Map([...modules.keys()].map((n) => [n, fileURLToPath(binFile(ENGINE_NAMES[n]!))]));
  const resolver = createRequire(import.meta.url)("node:module") as CommonJsResolver;
  const resolve = resolver._resolveFilename;
  resolver._resolveFilename = function (this: unknown, request: string, parent: unknown, ...rest: unknown[]) {
    return files.get(request) ?? resolve.call(this, request, parent, ...rest);
  };
}

/** The command run from its sources (`node --import tsx`, tsx registered): give module files this engine. */
export async function prepareForModuleFiles(): Promise<void> {
  let modules: Map<string, unknown>;
  try {
    modules = await engineModules();
  } catch {
    // (A command that cannot import itself by name, outside any package layout npm makes:
    // module files then import and require whatever Node finds, as they always could.)
    return;
  }
  // (In this order: engineUrls resolves the names as Node does, before aliasRequire changes that.)
  aliasImport(engineUrls([...modules.keys()]));
  aliasRequire(modules);
}

/**
 * The command run from its bundle, whose engine is `engine` (the bundle's `index`, `modules`
 * and `build`, by the names a module file imports them by) and whose entry points for `import`
 * are `urls` (dist/bundle/index.js, ...): what to do before the first module file, and the
 * engine's `import()` from then on, given the entry file's own (`entryImport`). A TypeScript or
 * JavaScript module file is loaded in this thread (code-modules.ts), its `require` and
 * `import` of nixmod given `engine`; one that must be imported as an ES module is imported
 * with tsx registered and the names resolved to `urls` (registered when first needed).
 */
export function bundledModuleFiles(
  engine: ReadonlyMap<string, unknown>,
  urls: Readonly<Record<string, string>>,
  entryImport: (specifier: string) => Promise<unknown>,
): () => Promise<void> {
  let esModules: Promise<void> | undefined;
  const forEsModules = (): Promise<void> =>
    (esModules ??= (async () => {
      await entryImport("tsx");
      aliasImport(urls);
    })());
  setDynamicImport(async (specifier) => {
    if (specifier.startsWith("file:") && !specifier.includes("?")) {
      const m = requireCodeModule(fileURLToPath(specifier));
      if (m !== undefined) return m;
      await forEsModules();
    }
    return entryImport(specifier);
  });
  return async () => aliasRequire(engine);
}
