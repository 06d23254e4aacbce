/**
 * What the nixmod command does once, before the first TypeScript or JavaScript module file
 * is loaded (see setCodeModuleSetup in the loader).
 *
 * - Run from its bundle, it registers tsx then (`node --import tsx` registers it up front
 *   when the command runs from its sources).
 * - A module file that is CommonJS to Node (a `.ts` file in a package that is not of type
 *   "module", which is what `npm init` makes) loads `nixmod` with `require`, which would
 *   give it a second copy of the engine, compiled to CommonJS: its `EvalError` would not be
 *   the command's (an error it throws reported as an internal error), nor its lazy values.
 *   `require("nixmod")` and `require("nixmod/modules")` therefore give the very modules
 *   that `import` gives, which are the engine the command runs.
 */
import { createRequire } from "node:module";
import { dynamicImport } from "../lib/dynamic-import.js";

interface CommonJsLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** The names a module file may require, and what `import` gives for each. */
async function engineModules(): Promise<Map<string, unknown>> {
  // (Specifiers as values: resolved when the command runs, with its export condition,
  // exactly as a module file's own import is; the bundle leaves them to Node.)
  const names = ["nixmod", "nixmod/modules"];
  const loaded = await Promise.all(names.map((n) => dynamicImport(n)));
  return new Map(names.map((n, i) => [n, loaded[i]]));
}

/** Make `require(name)` give `modules.get(name)` for those names, in this process. */
function aliasRequire(modules: ReadonlyMap<string, unknown>): void {
  const loader = createRequire(import.meta.url)("node:module") as CommonJsLoader;
  const load = loader._load;
  loader._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    return modules.has(request) ? modules.get(request) : load.call(this, request, parent, isMain);
  };
}

export async function prepareForModuleFiles(registerTsx: boolean): Promise<void> {
  if (registerTsx) {
    // What `node --import tsx` loads, now: its ES module and CommonJS loaders alike (the
    // package's main entry, which registers them when imported; it has no types of its own).
    const tsx: string = "tsx";
    await dynamicImport(tsx);
  }
  let modules: Map<string, unknown>;
  try {
    modules = await engineModules();
  } catch {
    // (A command that cannot import itself by name, outside any package layout npm makes:
    // module files then require whatever Node finds, as they always could.)
    return;
  }
  aliasRequire(modules);
}
