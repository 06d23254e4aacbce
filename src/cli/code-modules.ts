/**
 * TypeScript and JavaScript module files as the nixmod command loads them from its bundle: in
 * this thread, by Node's CommonJS loader, a file of ES module syntax or TypeScript compiled to
 * CommonJS by esbuild first and the result kept in the cache directory under a hash of the
 * file's text (and of what else the result depends on: the esbuild version, the Node version
 * targeted, the file's tsconfig.json), so that a file seen before is not compiled again.
 *
 * Registering tsx, as the command did before, starts Node's module loader thread and loads tsx
 * and esbuild: 0.1–0.2 s before the first module file, where a file seen before now takes a
 * millisecond or two (bench/notes.md). Type annotations are all a host file usually needs
 * stripped, and CommonJS runs such a file as an ES module would run it.
 *
 * Where CommonJS cannot give what the file needs, or Node's module system refuses what it
 * imports, the file is left to an ES module `import()` (`undefined`, see requireCodeModule):
 * top-level `await`, `import.meta`, a tsconfig.json that `extends` another (its options are
 * not all in the file), an import CommonJS cannot resolve (a package that is an ES module
 * only, a tsconfig path) or any error esbuild reports (tsx, which the command registers then,
 * reports it as before).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { basename, dirname, extname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** What this file asks of Node's CommonJS loader (internals every require hook uses). */
interface CommonJsLoader {
  _extensions: Record<string, (module: CompiledModule, filename: string) => void>;
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}
interface CompiledModule {
  _compile(code: string, filename: string): void;
}

/** The helpers of the compile cache (bin/compile-cache.cjs): the same directory, the same trust. */
type CompileCache = typeof import("../../bin/compile-cache.cjs");

/** The extensions Node cannot load by `require`, compiled here; `.js` is compiled where it is an ES module. */
const COMPILED = [".ts", ".mts", ".cts", ".mjs"];
/** An import of `x.js` finds `x.ts` when there is no `x.js` (as TypeScript writes imports): extensions tried. */
const TS_FOR = new Map([
  [".js", [".ts", ".tsx"]],
  [".mjs", [".mts"]],
  [".cjs", [".cts"]],
]);

/** The codes of the errors of Node's module system after which a file is imported as an ES module instead. */
const NOT_FOR_COMMONJS = new Set([
  "ERR_REQUIRE_ESM",
  "ERR_REQUIRE_ASYNC_MODULE",
  "ERR_PACKAGE_PATH_NOT_EXPORTED",
  "ERR_UNKNOWN_FILE_EXTENSION",
  "MODULE_NOT_FOUND",
]);

/** This file's require (resolving from the package: tsx, esbuild, bin/). */
const here = (): NodeJS.Require => createRequire(import.meta.url);

let cacheHelpers: CompileCache | undefined;
const compileCache = (): CompileCache =>
  (cacheHelpers ??= here()(
    fileURLToPath(new URL("../../bin/compile-cache.cjs", import.meta.url)),
  ) as CompileCache);

/** The package scope's `type` of each directory looked at (the nearest package.json's). */
const packageTypes = new Map<string, boolean>();

/** Is `dir` in the scope of a package.json saying `"type": "module"`? */
function inModuleScope(dir: string): boolean {
  const known = packageTypes.get(dir);
  if (known !== undefined) return known;
  let isModule: boolean;
  let text: string | undefined;
  try {
    text = readFileSync(join(dir, "package.json"), "utf8");
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    try {
      isModule = (JSON.parse(text) as { type?: unknown }).type === "module";
    } catch {
      isModule = false;
    }
  } else {
    const up = dirname(dir);
    isModule = up !== dir && basename(dir) !== "node_modules" && inModuleScope(up);
  }
  packageTypes.set(dir, isModule);
  return isModule;
}

/** Is the file of ES module semantics (strict, `import.meta`), as Node would take it? */
function isEsModule(file: string): boolean {
  const ext = extname(file);
  return (
    ext === ".mts" || ext === ".mjs" || ((ext === ".ts" || ext === ".js") && inModuleScope(dirname(file)))
  );
}

/** The text of the tsconfig.json nearest to each directory looked at ("" for none). */
const tsconfigs = new Map<string, string>();

function tsconfigOf(dir: string): string {
  const known = tsconfigs.get(dir);
  if (known !== undefined) return known;
  let text: string;
  try {
    text = readFileSync(join(dir, "tsconfig.json"), "utf8");
  } catch {
    const up = dirname(dir);
    text = up === dir || basename(dir) === "node_modules" ? "" : tsconfigOf(up);
  }
  tsconfigs.set(dir, text);
  return text;
}

/** esbuild, as tsx (a dependency of this package) has it, and its version. */
let esbuildMemo: { version: string; load: () => typeof import("esbuild") } | undefined;
function esbuild(): { version: string; load: () => typeof import("esbuild") } {
  if (esbuildMemo !== undefined) return esbuildMemo;
  const fromTsx = createRequire(here().resolve("tsx/package.json"));
  const version = (
    JSON.parse(readFileSync(fromTsx.resolve("esbuild/package.json"), "utf8")) as { version: string }
  ).version;
  return (esbuildMemo = { version, load: () => fromTsx("esbuild") as typeof import("esbuild") });
}

/** A cache entry's first line: what follows is the compiled file, or nothing (the file is for `import()`). */
const COMPILED_MARK = "//nixmod:commonjs\n";
const IMPORT_MARK = "//nixmod:import\n";

/**
 * The file compiled to CommonJS, or undefined when it must be imported as an ES module. From
 * the cache when it was compiled before; compiled with esbuild and kept otherwise.
 */
function compiled(file: string, source: string): string | undefined {
  const esm = isEsModule(file);
  const tsconfig = /\.[cm]?ts$/.test(file) ? tsconfigOf(dirname(file)) : "";
  // (A tsconfig.json extending another: esbuild's transform would not read the other.)
  if (/"extends"\s*:/.test(tsconfig)) return undefined;
  const { version } = esbuild();
  const options = {
    loader: /\.[cm]?ts$/.test(file) ? ("ts" as const) : ("js" as const),
    format: "cjs" as const,
    platform: "node" as const,
    target: `node${process.versions.node}`,
    sourcefile: file,
    sourcemap: "inline" as const,
    keepNames: true,
    logLevel: "silent" as const,
    ...(esm ? { banner: '"use strict";' } : {}),
    ...(tsconfig !== "" ? { tsconfigRaw: tsconfig } : {}),
  };
  const hash = createHash("sha256")
    .update(JSON.stringify([version, options]))
    .update("\0")
    .update(source)
    .digest("hex")
    .slice(0, 32);
  const name = `${basename(file)}-${createHash("sha256").update(file).digest("hex").slice(0, 8)}`;
  const cache = compileCache();
  const { dir } = cache.trustedCacheDir();
  const entry = dir === undefined ? undefined : join(dir, `${name}-${hash}.js`);
  const cached = entry === undefined ? undefined : cache.readEntry(entry).data?.toString("utf8");
  if (cached?.startsWith(COMPILED_MARK)) return cached.slice(COMPILED_MARK.length);
  if (cached?.startsWith(IMPORT_MARK)) return undefined;
  let code: string | undefined;
  try {
    const result = esbuild().load().transformSync(source, options);
    // (esbuild empties `import.meta` in CommonJS, with a warning: such a file is an ES module's.)
    code = result.warnings.some((w) => w.text.includes("import.meta")) ? undefined : result.code;
  } catch {
    // (Top-level await, a syntax error: tsx reports it, as it did before.)
    code = undefined;
  }
  if (entry !== undefined && dir !== undefined) {
    try {
      cache.writeEntry(dir, entry, name, code === undefined ? IMPORT_MARK : COMPILED_MARK + code);
      pruneModuleEntries(dir);
    } catch {
      // (a cache that cannot be written: the next run compiles again)
    }
  }
  return code;
}

/** How many compiled module files the cache keeps, of all files (the newest). */
const KEPT_MODULE_ENTRIES = 256;
/** The name of a compiled module file's entry: the file's name, a hash of its path, a hash of what it was compiled from. */
const MODULE_ENTRY = /-[0-9a-f]{8}-[0-9a-f]{32}\.js$/;

/**
 * Keep the cache's compiled module files to the newest KEPT_MODULE_ENTRIES: each file path has
 * its few newest (writeEntry), but files come and go (a temporary directory's, another
 * project's), and their entries would stay.
 */
function pruneModuleEntries(dir: string): void {
  const entries = readdirSync(dir).filter((e) => MODULE_ENTRY.test(e));
  if (entries.length <= KEPT_MODULE_ENTRIES) return;
  const dated = entries.map((e) => ({
    e,
    t: statSync(join(dir, e), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  }));
  dated.sort((a, b) => b.t - a.t);
  for (const { e } of dated.slice(KEPT_MODULE_ENTRIES)) rmSync(join(dir, e), { force: true });
}

/** Thrown by the compiling require hook for a file that must be imported as an ES module. */
class NeedsImport extends Error {
  readonly code = "ERR_REQUIRE_ESM";
}

let installed = false;

/**
 * Teach Node's CommonJS loader, in this process, the files it does not load itself: `.ts`,
 * `.mts`, `.cts`, `.mjs` and `.js` of ES module scope, compiled (see compiled()); and the
 * import of `x.js` that means `x.ts`. Source maps are turned on, so that stack traces (and the
 * positions errors show from them) name the lines of the file as written.
 */
function install(): void {
  if (installed) return;
  installed = true;
  process.setSourceMapsEnabled(true);
  const loader = Module as unknown as CommonJsLoader;
  const compile = (module: CompiledModule, filename: string): void => {
    const code = compiled(filename, readFileSync(filename, "utf8"));
    if (code === undefined) throw new NeedsImport(`${filename} needs the ES module loader`);
    module._compile(code, filename);
  };
  for (const ext of COMPILED) loader._extensions[ext] = compile;
  const js = loader._extensions[".js"]!;
  loader._extensions[".js"] = (module, filename) =>
    filename.endsWith(".js") && inModuleScope(dirname(filename))
      ? compile(module, filename)
      : js(module, filename);
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, parent: unknown, ...rest: unknown[]) {
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch (e) {
      const ts = TS_FOR.get(extname(request));
      if (ts === undefined || !/^\.{0,2}\//.test(request)) throw e;
      for (const alt of ts) {
        try {
          return resolve.call(this, request.slice(0, -extname(request).length) + alt, parent, ...rest);
        } catch {
          // (not that one either)
        }
      }
      throw e;
    }
  };
}

/**
 * The module file `file` (an absolute path of a `.ts`, `.mts`, `.cts`, `.js`, `.mjs` or
 * `.cjs` file) loaded in this thread: what `import()` of it gives (`default`, the file's
 * `module.exports`, whose own `default` the loader takes for a file of ES module syntax); or
 * undefined when the file, or one it imports, must be imported as an ES module (see the top
 * of this file). An error of the file's own code is thrown as it is.
 */
export function requireCodeModule(file: string): { default: unknown } | undefined {
  install();
  try {
    return { default: createRequire(file)(file) as unknown };
  } catch (e) {
    if (e instanceof NeedsImport) return undefined;
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === "string" && NOT_FOR_COMMONJS.has(code)) return undefined;
    throw e;
  }
}
