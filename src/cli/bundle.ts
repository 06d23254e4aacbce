/**
 * The entry of the package's bundle (scripts/bundle.mjs, dist/bundle/nixmod.cjs): the
 * command and the library's four entry points in one CommonJS script, one engine for all.
 * The files the package's exports name under the `nixmod-bundle` condition hand out `index`,
 * `modules`, `build` and `diff`; the command's entry (bin/nixmod.js, or dist/bundle/cli.cjs in
 * a process with a deep stack) calls `runCommand`.
 */
import * as index from "../index.js";
import * as modules from "../modules/index.js";
import * as build from "../build/index.js";
import * as diff from "../diff/index.js";
import { run, type RunOutcome } from "./command.js";
import { bundledModuleFiles } from "./module-setup.js";

export { index, modules, build, diff };
export { commandRan, run } from "./command.js";
export { setDynamicImport } from "../loader/dynamic-import.js";

/**
 * Run the command from the bundle (see command.ts `run`): a module file's `import` or
 * `require` of nixmod gives this bundle's engine, `entryImport` (the entry file's own
 * `import()`: a script compiled with V8's code cache has none in Node 20) imports what must be
 * imported as an ES module.
 */
export function runCommand(
  entryImport: (specifier: string) => Promise<unknown>,
  options: { readonly shallowStack: boolean },
): Promise<RunOutcome> {
  const file = (name: string): string => new URL(name, import.meta.url).href;
  const codeModuleSetup = bundledModuleFiles(
    new Map<string, unknown>([
      ["nixmod", index],
      ["nixmod/modules", modules],
      ["nixmod/build", build],
      ["nixmod/diff", diff],
    ]),
    {
      nixmod: file("./index.js"),
      "nixmod/modules": file("./modules.js"),
      "nixmod/build": file("./build.js"),
      "nixmod/diff": file("./diff.js"),
    },
    entryImport,
  );
  return run({ codeModuleSetup, shallowStack: options.shallowStack });
}
