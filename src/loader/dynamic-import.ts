/**
 * `import(specifier)` for the engine's loading of module files (and the command's of tsx):
 * the language's own, unless the program that runs the engine hands over one of its own.
 * The nixmod command runs its bundle as a script compiled with V8's code cache
 * (bin/compile-cache.cjs), and in Node 20 such a script can call `import()` only with an
 * experimental flag or warning; the command's entry file, a module Node loaded itself, hands
 * over its `import()`, which resolves a bare name from the same package directory.
 */
type DynamicImport = (specifier: string) => Promise<unknown>;

let importer: DynamicImport = (specifier) => import(specifier);

/** Import with `f` from now on. */
export function setDynamicImport(f: DynamicImport): void {
  importer = f;
}

/** `import(specifier)`, through the function set by setDynamicImport if any. */
export const dynamicImport = (specifier: string): Promise<unknown> => importer(specifier);
