/**
 * Loading module files.
 *
 * - `.json`, `.yaml`, `.yml`: a module body as data, decoded with the io-ts codecs of
 *   `module-codec.ts`. Either the full form `{"imports": [...], "config": {...}}` or the
 *   shorthand where the whole object (minus `imports`, `disabledModules`, `_file`, `key`,
 *   `_class`, `require`) is config, as in Nix's `unifyModuleSyntax`. `imports` are file paths
 *   relative to the importing file (or inline module objects).
 * - `.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`: imported with a dynamic `import()`; the
 *   default export is the module (of a CommonJS module compiled from ES module syntax, its
 *   `exports.default`). A function module stays a function (its result gets the file's
 *   `_file`/`key` when it has none); an object module gets them directly.
 *
 * A loaded module's `_file` is the path as the user gave it (imports: joined to the
 * importing file's path, so relative paths stay relative), its `key` the absolute path, so
 * that a file imported twice is one module.
 *
 * A JSON or YAML module is data, which may come from untrusted hands: its `imports` name
 * JSON and YAML files only (never code, which importing would run), and only files inside
 * the import roots: the directories of the module files given (and those the user names,
 * `importRoots`), symbolic links resolved. A TypeScript or JavaScript module is trusted code:
 * its imports are not restricted.
 */
import { createRequire } from "node:module";
import { readFileSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, isAbsolute, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { isAttrsValue } from "../lib/attrs-lazy.js";
import { EXPLICIT_MODULE_ATTRS, IMPLICIT_NON_CONFIG, notAModule, setImportResolver } from "../lib/collect.js";
import { dynamicImport } from "./dynamic-import.js";
import type { Module, ModuleObject } from "../lib/module-types.js";
import {
  MAX_DATA_DEPTH,
  NixValue,
  describeFailure,
  formatPath,
  isPlainRecord,
  type NixData,
} from "./module-codec.js";

/**
 * The yaml package, loaded when the first YAML module is: it is a large library that
 * most evaluations (TypeScript and JSON modules, the library used directly) never need.
 */
const requireHere = createRequire(import.meta.url);
let yamlLib: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlLib ??= requireHere("yaml") as typeof import("yaml"));

// ---------------------------------------------------------------------------
// Errors

/** Why a module file could not be loaded. `message` is `FILE[:LINE:COL]: [at PATH: ]DETAIL`. */
export class LoadError extends Error {
  readonly file: string;
  readonly detail: string;
  /** The JSON path of the offending value inside the file, for decoding errors. */
  readonly path?: ReadonlyArray<string | number>;
  /** 1-based position, for parse errors. */
  readonly line?: number;
  readonly column?: number;

  constructor(
    file: string,
    detail: string,
    opts: { path?: ReadonlyArray<string | number>; line?: number; column?: number; cause?: unknown } = {},
  ) {
    const where = opts.line !== undefined ? `${file}:${opts.line}:${opts.column ?? 1}` : file;
    const p = opts.path ?? [];
    // A very deep path is shortened in the message (the whole path stays in `path`).
    const shown =
      p.length > 16 ? `${formatPath(p.slice(0, 12))}... (${p.length - 12} more levels)` : formatPath(p);
    const at = p.length > 0 ? `at ${shown}: ` : "";
    super(`${where}: ${at}${detail}`, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = "LoadError";
    this.file = file;
    this.detail = detail;
    if (opts.path) this.path = opts.path;
    if (opts.line !== undefined) this.line = opts.line;
    if (opts.column !== undefined) this.column = opts.column;
  }
}

// ---------------------------------------------------------------------------
// The module-body codec

/** `imp` as the user would have typed it from where they typed `file`. */
function relativeTo(file: string, imp: string): string {
  return isAbsolute(imp) ? imp : join(dirname(file), imp);
}

const fail = <A>(u: unknown, c: t.Context, message: string): t.Validation<A> => t.failure<A>(u, c, message);

const child = (c: t.Context, key: string, u: unknown): t.Context => t.appendContext(c, key, NixValue, u);

/** A list of strings or inline modules (for `imports`/`require`). */
function validateImports(file: string, u: unknown, c: t.Context): t.Validation<unknown[]> {
  if (!Array.isArray(u))
    return fail(u, c, `"imports" must be a list of file paths, got ${JSON.stringify(u)}`);
  const out: unknown[] = [];
  for (let i = 0; i < u.length; i++) {
    const x: unknown = u[i];
    const ci = child(c, String(i), x);
    if (typeof x === "string") {
      if (x === "") return fail(x, ci, "an import must be a non-empty file path");
      out.push(relativeTo(file, x));
    } else if (isPlainRecord(x)) {
      const r = validateModuleBody(file, undefined, x, ci);
      if (E.isLeft(r)) return r;
      out.push(r.right);
    } else {
      return fail(x, ci, `an import must be a file path or an inline module, got ${JSON.stringify(x)}`);
    }
  }
  return t.success(out);
}

/** disabledModules: strings; `./` and `../` paths are relative to the file, like Nix path literals. */
function validateDisabled(file: string, u: unknown, c: t.Context): t.Validation<string[]> {
  if (!Array.isArray(u) || !u.every((x): x is string => typeof x === "string")) {
    return fail(u, c, `"disabledModules" must be a list of strings`);
  }
  return t.success(u.map((x) => (x.startsWith("./") || x.startsWith("../") ? resolve(dirname(file), x) : x)));
}

function validateString(what: string, u: unknown, c: t.Context): t.Validation<string> {
  return typeof u === "string" ? t.success(u) : fail(u, c, `"${what}" must be a string`);
}

/** `config` must be an attribute set or a property (mkIf, mkMerge, ...) holding one. */
function validateConfig(u: unknown, c: t.Context): t.Validation<NixData> {
  if (!isPlainRecord(u)) return fail(u, c, `"config" must be an object, got ${JSON.stringify(u)}`);
  return NixValue.validate(u, c);
}

function validateModuleBody(
  file: string,
  key: string | undefined,
  u: unknown,
  c: t.Context,
): t.Validation<ModuleObject> {
  if (!isPlainRecord(u)) {
    const got = Array.isArray(u) ? "a list" : u === null ? "null" : typeof u;
    return fail(u, c, `a module must be an object, got ${got}`);
  }
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(u, k);

  // A top-level mkIf/mkOverride is a module whose config is that property, as in Nix.
  if (has("_type") && u._type !== "module") {
    if (u._type === "if" || u._type === "override") return validateModuleBody(file, key, { config: u }, c);
    return fail(u, c, `Could not load a value as a module, because it is of type ${JSON.stringify(u._type)}`);
  }
  for (const k of ["options", "freeformType"]) {
    if (has(k)) {
      return fail(
        u[k],
        child(c, k, u[k]),
        `a JSON/YAML module cannot declare "${k}" (declarations need types: write them in a TypeScript module)`,
      );
    }
  }

  const full = has("config");
  if (full) {
    const bad = Object.keys(u).filter((k) => !EXPLICIT_MODULE_ATTRS.includes(k) && k !== "_type");
    if (bad.length > 0) {
      return fail(
        u,
        c,
        `Module \`${key ?? file}' has an unsupported attribute \`${bad[0]}'. This is caused by introducing a top-level \`config' or \`options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: ${bad.join(" ")}) into the explicit \`config' attribute.`,
      );
    }
  }

  const m: ModuleObject = {};
  const steps: Array<() => t.Validation<void>> = [
    () =>
      has("_file")
        ? pipe(
            validateString("_file", u._file, child(c, "_file", u._file)),
            E.map((f) => void (m._file = f)),
          )
        : t.success(void (m._file = file)),
    () =>
      has("key")
        ? pipe(
            validateString("key", u.key, child(c, "key", u.key)),
            E.map((k) => void (m.key = k)),
          )
        : t.success(void (key !== undefined ? (m.key = key) : undefined)),
    () =>
      has("_class")
        ? u._class === null || typeof u._class === "string"
          ? t.success(void (m._class = u._class))
          : fail(u._class, child(c, "_class", u._class), `"_class" must be a string or null`)
        : t.success(undefined),
    () => {
      const lists = (full ? ["imports"] : ["require", "imports"]).filter(has);
      const collected: unknown[] = [];
      for (const k of lists) {
        const r = validateImports(file, u[k], child(c, k, u[k]));
        if (E.isLeft(r)) return r;
        collected.push(...r.right);
      }
      m.imports = collected as Module[];
      return t.success(undefined);
    },
    () =>
      has("disabledModules")
        ? pipe(
            validateDisabled(file, u.disabledModules, child(c, "disabledModules", u.disabledModules)),
            E.map((d) => void (m.disabledModules = d)),
          )
        : t.success(undefined),
    () =>
      full && has("meta")
        ? pipe(
            NixValue.validate(u.meta, child(c, "meta", u.meta)),
            E.map((v) => void (m.meta = v)),
          )
        : t.success(undefined),
    () => {
      if (full)
        return pipe(
          validateConfig(u.config, child(c, "config", u.config)),
          E.map((v) => void (m.config = v)),
        );
      // Shorthand: everything but the structural attributes is config; paths stay file paths.
      // Decode each attribute with the context of its real place in the file (no `config.` prefix).
      const cfg = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(u)) {
        if (IMPLICIT_NON_CONFIG.includes(k) || k === "_type") continue;
        const r = NixValue.validate(u[k], child(c, k, u[k]));
        if (E.isLeft(r)) return r;
        Object.defineProperty(cfg, k, {
          value: r.right,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      m.config = cfg;
      return t.success(undefined);
    },
  ];
  for (const step of steps) {
    const r = step();
    if (E.isLeft(r)) return r;
  }
  return t.success(m);
}

/** The io-ts codec of a data module body read from `file` (and known by `key`). */
export function moduleBodyCodec(file: string, key?: string): t.Type<ModuleObject, unknown, unknown> {
  return new t.Type<ModuleObject, unknown, unknown>(
    `ModuleBody(${file})`,
    (u): u is ModuleObject => isPlainRecord(u),
    (u, c) => validateModuleBody(file, key, u, c),
    (m) => m,
  );
}

/** The first io-ts failure as a LoadError naming the file and the JSON path. */
function toLoadError(file: string, errors: t.Errors): LoadError {
  const first = errors[0];
  if (!first) return new LoadError(file, "invalid module");
  const { path, message } = describeFailure(first);
  return new LoadError(file, message, { path });
}

/**
 * Decode a parsed JSON/YAML value as a module read from `file`. String imports come out as
 * paths joined to `file` (the engine does not load files: `loadModuleFile` does).
 */
export function decodeModule(value: unknown, file: string, key?: string): E.Either<LoadError, ModuleObject> {
  const codec = moduleBodyCodec(file, key);
  return pipe(
    codec.validate(value, t.getDefaultContext(codec)),
    E.mapLeft((errors) => toLoadError(file, errors)),
  );
}

// ---------------------------------------------------------------------------
// Parsing

/** 1-based line and column of offset `pos` in `text`. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(pos, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** The source line `line` with a caret under `column`, indented. */
function codeFrame(text: string, line: number, column: number): string {
  let src = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  let col = column;
  // A very long line is shown around the column only.
  if (src.length > 120) {
    const start = Math.max(0, Math.min(col - 60, src.length - 120));
    src = `${start > 0 ? "..." : ""}${src.slice(start, start + 120)}${start + 120 < src.length ? "..." : ""}`;
    col = col - start + (start > 0 ? 3 : 0);
  }
  const gutter = String(line);
  return `\n\n ${gutter} | ${src}\n ${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, col - 1))}^`;
}

/**
 * What is wrong with a number written `source` in a data file, which JSON.parse or YAML read
 * as `value`, if a JavaScript number cannot be what Nix reads: a float with a whole value
 * (`1.0`, `2e3`: Nix keeps it a float, printed `1.000000` by toString, where a JavaScript
 * number is the int 1), or an int beyond ±2^53 (Nix's ints have 64 bits; a JavaScript
 * number rounds it). Refused where it is written, rather than read as another value.
 */
function numberProblem(source: string, value: number): string | undefined {
  if (!Number.isFinite(value) || !Number.isInteger(value)) return undefined;
  if (/^[-+]?0[xo]/i.test(source)) {
    if (Number.isSafeInteger(value)) return undefined;
  } else if (/[.eE]/.test(source)) {
    return `the number ${source} is a float in Nix, which a JavaScript number cannot tell from the int ${String(value)}: write ${String(value)} for the int, or a number with a fractional part`;
  }
  if (Number.isSafeInteger(value)) return undefined;
  return `the number ${source} is an int beyond what a JavaScript number holds exactly (±${String(Number.MAX_SAFE_INTEGER)}); write it as a string if it is a name or an id`;
}

/**
 * What JSON.parse takes but a module may not hold, in JSON text (parsed already), as a load
 * error where it is written: the first number that numberProblem refuses, or the first key
 * that is in its object twice (JSON.parse keeps the last, silently; YAML refuses such a map).
 */
function checkJsonText(text: string, file: string): E.Either<LoadError, void> {
  const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
  /** The keys of each object being read (where each is), innermost last; null for a list. */
  const open: (Map<string, number> | null)[] = [];
  const refuse = (pos: number, detail: string): E.Either<LoadError, void> => {
    const { line, column } = lineColumn(text, pos);
    return E.left(new LoadError(file, `${detail}${codeFrame(text, line, column)}`, { line, column }));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) open.push(new Map());
    else if (c === 91 /* [ */) open.push(null);
    else if (c === 125 /* } */ || c === 93 /* ] */) open.pop();
    else if (c === 34 /* " */) {
      // Skip the string (valid JSON: it ends, and a backslash escapes one character).
      const start = i;
      let escaped = false;
      for (i++; text.charCodeAt(i) !== 34; i++) {
        if (text.charCodeAt(i) === 92 /* \ */) {
          escaped = true;
          i++;
        }
      }
      const keys = open[open.length - 1];
      if (keys == null) continue;
      // A key: the string is followed by a colon.
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text.charCodeAt(j) !== 58 /* : */) continue;
      const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      const first = keys.get(key);
      if (first !== undefined) {
        const was = lineColumn(text, first);
        return refuse(
          start,
          `invalid JSON: the key ${JSON.stringify(key)} is in this object twice (first at line ${was.line}, column ${was.column}); JSON.parse would keep the last silently`,
        );
      }
      keys.set(key, start);
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      num.lastIndex = i;
      const source = num.exec(text)![0];
      const problem = numberProblem(source, Number(source));
      if (problem !== undefined) return refuse(i, problem);
      i += source.length - 1;
    }
  }
  return E.right(undefined);
}

/** Parse JSON text; a syntax error names the file, line and column, as does a number JavaScript cannot hold. */
export function parseJson(text: string, file: string): E.Either<LoadError, unknown> {
  return pipe(
    parseJsonText(text, file),
    E.chainFirst(() => checkJsonText(text, file)),
  );
}

function parseJsonText(text: string, file: string): E.Either<LoadError, unknown> {
  return E.tryCatch(
    () => JSON.parse(text) as unknown,
    (e) => {
      const msg = e instanceof Error ? e.message : String(e);
      const m = /at position (\d+)/.exec(msg);
      const pos = m ? Number(m[1]) : text.length;
      const { line, column } = lineColumn(text, pos);
      const detail = msg
        .replace(/\s*\(line \d+ column \d+\)/, "")
        .replace(/ in JSON at position \d+/, "")
        .replace(/^Unexpected end of JSON input$/, "unexpected end of input");
      return new LoadError(file, `invalid JSON: ${detail}${codeFrame(text, line, column)}`, {
        line,
        column,
        cause: e,
      });
    },
  );
}

/** A node of a YAML document being walked, with the way to it (for a message). */
interface YamlStep {
  node: unknown;
  depth: number;
  parent: YamlStep | undefined;
  key: string | number | undefined;
}

/**
 * Walk a parsed YAML document, in document order and without recursion, once: refuse the
 * first collection nested MAX_DATA_DEPTH levels below the top, where it is (line, column, and
 * the path to it), before anything else walks the document (the depth the value codec
 * refuses; yaml's own `visit` copies the path at each level, which is quadratic in the
 * depth), and the first number a JavaScript number cannot hold as Nix reads it.
 */
function checkYamlNodes(doc: import("yaml").Document, text: string, file: string): void {
  const y = yaml();
  const at = (range: readonly number[] | null | undefined): { line: number; column: number } =>
    lineColumn(text, range?.[0] ?? 0);
  const stack: YamlStep[] = [{ node: doc.contents, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { node, depth } = step;
    if (y.isScalar(node)) {
      if (typeof node.value !== "number" || node.range == null) continue;
      const problem = numberProblem(text.slice(node.range[0], node.range[1]).trim(), node.value);
      if (problem === undefined) continue;
      const { line, column } = at(node.range);
      throw new LoadError(file, `${problem}${codeFrame(text, line, column)}`, { line, column });
    }
    if (!y.isMap(node) && !y.isSeq(node)) continue;
    if (depth >= MAX_DATA_DEPTH) {
      const path: (string | number)[] = [];
      for (let s: YamlStep | undefined = step; s?.parent !== undefined; s = s.parent) path.unshift(s.key!);
      const { line, column } = at(node.range);
      throw new LoadError(file, `the value is nested more than ${MAX_DATA_DEPTH} levels deep`, {
        path,
        line,
        column,
      });
    }
    // Children pushed last first, so that they are walked in document order.
    const items = node.items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (y.isPair(item)) {
        const key = y.isScalar(item.key) ? String(item.key.value) : String(item.key);
        stack.push({ node: item.value, depth: depth + 1, parent: step, key });
        stack.push({ node: item.key, depth: depth + 1, parent: step, key });
      } else {
        stack.push({ node: item, depth: depth + 1, parent: step, key: i });
      }
    }
  }
}

/** Parse YAML text; a syntax error names the file, line and column, as does a number JavaScript cannot hold. */
export function parseYamlText(text: string, file: string): E.Either<LoadError, unknown> {
  return E.tryCatch(
    () => {
      const y = yaml();
      // (What `parse` does: its warnings printed, its first error thrown; then numbers checked.
      // Merge keys, `<<: *anchor`, as YAML 1.1 and docker-compose files have them.)
      // (A warning is an error too: an unknown tag, say, would be read as a plain string, and
      // `%YAML 1.3` as 1.2.)
      const doc = y.parseDocument(text, { merge: true });
      if (doc.errors.length > 0) throw doc.errors[0];
      if (doc.warnings.length > 0) throw doc.warnings[0];
      checkYamlNodes(doc, text, file);
      return doc.toJS() as unknown;
    },
    (e) => {
      if (e instanceof LoadError) return e;
      if ((e instanceof yaml().YAMLParseError || e instanceof yaml().YAMLWarning) && e.linePos) {
        const { line, col } = e.linePos[0];
        const detail = e.message
          .split("\n")[0]
          .replace(/ at line \d+, column \d+:?$/, "")
          .replace(/^Maximum call stack size exceeded$/, "the document is nested too deeply")
          .replace(
            /^Source contains multiple documents.*$/,
            "a module file holds one document, and this one has several",
          );
        return new LoadError(file, `invalid YAML: ${detail}${codeFrame(text, line, col)}`, {
          line,
          column: col,
          cause: e,
        });
      }
      return new LoadError(file, `invalid YAML: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    },
  );
}

// ---------------------------------------------------------------------------
// Loading files

const DATA_EXTS = new Set([".json", ".yaml", ".yml"]);
const CODE_EXTS = new Set([".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]);

/**
 * What must happen once before the first TypeScript/JavaScript module file is imported: the
 * nixmod command registers its TypeScript loader (tsx) there, so that a host written as
 * JSON or YAML never loads it. A library user whose process loads TypeScript already sets
 * nothing.
 */
let codeModuleSetup: (() => Promise<void>) | undefined;
let codeModuleReady: Promise<void> | undefined;
export function setCodeModuleSetup(setup: (() => Promise<void>) | undefined): void {
  codeModuleSetup = setup;
  codeModuleReady = undefined;
}
const codeModulesReady = (): Promise<void> =>
  (codeModuleReady ??= codeModuleSetup === undefined ? Promise.resolve() : codeModuleSetup());

/** Is `v` a module object whose `_file`/`key` may be filled in (not a property, not a list)? */
function isModuleObject(v: unknown): v is ModuleObject {
  if (!isAttrsValue(v)) return false;
  const tag = (v as { _type?: unknown })._type;
  return tag === undefined || tag === "module";
}

/** A copy of `m` (getters kept lazy) with `_file` and `key` defaulted. */
function withFileAndKey(m: ModuleObject, file: string, key: string): ModuleObject {
  const copy = Object.create(
    Object.getPrototypeOf(m) as object | null,
    Object.getOwnPropertyDescriptors(m),
  ) as ModuleObject;
  const define = (k: string, v: string): void => {
    Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  };
  if (!Object.prototype.hasOwnProperty.call(m, "_file")) define("_file", file);
  if (!Object.prototype.hasOwnProperty.call(m, "key")) define("key", key);
  return copy;
}

/**
 * Wrap a function module so that its result gets the file's `_file` and `key` by default,
 * and string imports in it are taken relative to the file (the engine resolves them through
 * `resolveImportSync`).
 */
function functionWithFile(f: (args: any) => unknown, file: string, key: string): (args: any) => unknown {
  const wrapped = (args: any): unknown => {
    const r = f(args);
    // (Named here: past this wrapper, the engine knows the function by its importer's file.)
    if (!isAttrsValue(r)) notAModule(file, key, r, true);
    if (!isModuleObject(r)) return r;
    const m = withFileAndKey(r, file, key);
    const imports = Object.getOwnPropertyDescriptor(m, "imports");
    if (
      imports &&
      !imports.get &&
      Array.isArray(imports.value) &&
      imports.value.some((i) => typeof i === "string")
    ) {
      const joined = (imports.value as unknown[]).map((i) =>
        typeof i === "string" ? relativeTo(file, i) : i,
      );
      Object.defineProperty(m, "imports", {
        value: joined,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return m;
  };
  Object.defineProperty(wrapped, "name", { value: f.name || "module", configurable: true });
  Object.defineProperty(wrapped, "length", { value: f.length, configurable: true });
  return wrapped;
}

/** tsx's loaders, registered when a program that has none asks for a TypeScript file. */
let typeScriptLoader: Promise<unknown> | undefined;

/**
 * Import a code module file. Where Node cannot import a TypeScript file itself (a program
 * using the library, run without a TypeScript loader, or a test runner running the
 * package's code as Node does), tsx's loaders are registered, once, and the file imported
 * again: `loadModuleFile("host.ts")` works wherever the package does. (The nixmod command
 * registers them itself, before the first file: setCodeModuleSetup.)
 */
async function importCode(abs: string): Promise<unknown> {
  const url = pathToFileURL(abs).href;
  try {
    return await dynamicImport(url);
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw e;
    // (A name in a variable: left to Node by the bundler, resolved from this package.)
    const tsx: string = "tsx";
    await (typeScriptLoader ??= dynamicImport(tsx));
    // (Node keeps the failed import of `url`: the file is imported again under another URL,
    // once, as this loader keeps what it loaded by the file's path.)
    return dynamicImport(`${url}?typescript`);
  }
}

/** Every module file loaded so far, by absolute path (for string imports met during evaluation). */
const loaded = new Map<string, Module>();

/** What loading module files may take as given (see LoadOptions). */
export interface LoadOptions {
  /**
   * Directories a JSON or YAML module may import files from, besides those of the module files
   * given (the nixmod command's `--import-root DIR`).
   */
  importRoots?: readonly string[];
}

/** The directories a data module may import from: as given (absolute) and with symbolic links resolved. */
interface ImportRoots {
  readonly dirs: readonly string[];
  readonly real: readonly string[];
}

function importRoots(files: readonly string[], named: readonly string[] = [], remember = true): ImportRoots {
  const dirs = [...new Set([...files.map((f) => dirname(resolve(f))), ...named.map((d) => resolve(d))])];
  const real = dirs.map((d) => {
    try {
      return realpathSync(d);
    } catch {
      return d;
    }
  });
  if (remember) for (const d of dirs) rootsSoFar.add(d);
  return { dirs, real };
}

/**
 * The import roots of every load so far: for data modules found during evaluation (by a
 * function module's string import), whose loading is not one of them.
 */
const rootsSoFar = new Set<string>();

/** Is `path` (absolute, normalized) `dir` or inside it? */
const isInside = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * Refuse what a data module (`importer`) may not import: code, and files outside the roots
 * (the path as written and the file it is, symbolic links resolved). A missing file inside
 * the roots is left to the loading, which says so; outside them it is refused like any other.
 */
function checkDataImport(importer: string, imp: string, roots: ImportRoots): void {
  if (CODE_EXTS.has(extname(imp).toLowerCase())) {
    throw new LoadError(
      importer,
      `a JSON or YAML module cannot import code: \`${imp}' is a TypeScript or JavaScript file, which importing would run (import it from a TypeScript module, or give it on the command line)`,
    );
  }
  const abs = resolve(imp);
  if (roots.dirs.some((d) => isInside(abs, d))) {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return;
    }
    if (roots.real.some((d) => isInside(real, d))) return;
  }
  throw new LoadError(
    importer,
    `cannot import \`${imp}': it is outside the directories a JSON or YAML module may import from (${roots.dirs.join(", ")}); name another one with --import-root DIR (importRoots, for loadModuleFile)`,
  );
}

interface LoadState {
  cache: Map<string, Promise<Module>>;
  roots: ImportRoots;
}

/** The error for a module file that cannot be read. */
function unreadable(file: string, e: unknown): LoadError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
  return new LoadError(file, `cannot read module file: ${why}`, { cause: e });
}

async function readText(file: string, abs: string): Promise<string> {
  try {
    return await readFile(abs, "utf8");
  } catch (e) {
    throw unreadable(file, e);
  }
}

/**
 * Load the string imports of `m`, depth first; `chain` detects cycles. Paths from
 * `decodeModule` are already joined to the file (`joined`); those of a TypeScript/JavaScript
 * module are relative to `file`.
 */
async function loadImports(
  m: ModuleObject,
  file: string,
  chain: string[],
  st: LoadState,
  joined: boolean,
): Promise<ModuleObject> {
  const imports = m.imports;
  if (!Array.isArray(imports) || !imports.some((i) => typeof i === "string" || isModuleObject(i))) return m;
  const loaded: Module[] = [];
  for (const imp of imports as unknown[]) {
    if (typeof imp === "string") {
      // (`joined`: the imports of a data module, which may import data inside the roots only.)
      if (joined) checkDataImport(file, imp, st.roots);
      loaded.push(await load(joined ? imp : relativeTo(file, imp), chain, st, file));
    } else if (isModuleObject(imp) && Array.isArray(imp.imports)) {
      loaded.push(await loadImports(imp, file, chain, st, joined));
    } else {
      loaded.push(imp as Module);
    }
  }
  const out = Object.create(
    Object.getPrototypeOf(m) as object | null,
    Object.getOwnPropertyDescriptors(m),
  ) as ModuleObject;
  Object.defineProperty(out, "imports", {
    value: loaded,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return out;
}

async function load(file: string, chain: string[], st: LoadState, importer?: string): Promise<Module> {
  const abs = resolve(file);
  if (chain.includes(abs)) {
    const cycle = [...chain.slice(chain.indexOf(abs)), abs].join(" -> ");
    throw new LoadError(importer ?? file, `import cycle: ${cycle}`);
  }
  const cached = st.cache.get(abs);
  if (cached) return cached;
  const p = loadUncached(file, abs, [...chain, abs], st);
  st.cache.set(abs, p);
  const m = await p;
  loaded.set(abs, m);
  return m;
}

/**
 * The module a file exports by default. A CommonJS module compiled from ES module syntax
 * (by tsc, esbuild or tsx: `exports.__esModule = true; exports.default = ...`) is imported
 * as its whole `exports` object: its `default` is the module, as bundlers take it.
 */
function defaultExport(ns: { default?: unknown }): unknown {
  const d = ns.default;
  if (
    typeof d === "object" &&
    d !== null &&
    (d as { __esModule?: unknown }).__esModule === true &&
    Object.prototype.hasOwnProperty.call(d, "default")
  ) {
    return (d as { default: unknown }).default;
  }
  return d;
}

async function loadUncached(file: string, abs: string, chain: string[], st: LoadState): Promise<Module> {
  const ext = extname(file).toLowerCase();
  if (DATA_EXTS.has(ext)) {
    const text = await readText(file, abs);
    const decoded = pipe(
      ext === ".json" ? parseJson(text, file) : parseYamlText(text, file),
      E.chain((v) => decodeModule(v, file, abs)),
    );
    if (E.isLeft(decoded)) throw decoded.left;
    return loadImports(decoded.right, file, chain, st, true);
  }
  if (CODE_EXTS.has(ext)) {
    await readText(file, abs); // a clear error for a missing file
    let ns: { default?: unknown };
    try {
      await codeModulesReady();
      ns = (await importCode(abs)) as { default?: unknown };
    } catch (e) {
      throw new LoadError(file, `cannot load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    // A default export that is a Promise (of a module computed asynchronously) is awaited:
    // the loading is asynchronous, the evaluation is not.
    let m = defaultExport(ns);
    if (m instanceof Promise) {
      try {
        m = (await m) as unknown;
      } catch (e) {
        throw new LoadError(
          file,
          `its default export, a Promise, failed: ${e instanceof Error ? e.message : String(e)}`,
          {
            cause: e,
          },
        );
      }
    }
    if (typeof m === "function") return functionWithFile(m as (args: any) => unknown, file, abs);
    if (isModuleObject(m)) return loadImports(withFileAndKey(m, file, abs), file, chain, st, false);
    if (m === undefined) throw new LoadError(file, "a module file must have a default export (the module)");
    // (A property such as mkIf's is a module's config; anything else that is no attribute set is named with its file.)
    if (!isAttrsValue(m)) notAModule(file, abs, m);
    return m as Module;
  }
  if (ext === ".nix") {
    throw new LoadError(file, "Nix files cannot be loaded: write the module as JSON, YAML or TypeScript");
  }
  throw new LoadError(
    file,
    `unsupported module file type "${ext}" (expected .json, .yaml, .yml, .ts or .js)`,
  );
}

/**
 * Load a module file (and, for data modules, the files it imports). Rejects with a
 * LoadError naming the file for unreadable, unparsable or ill-shaped files, and for a data
 * module's import of code or of a file outside the import roots (the file's directory and
 * `options.importRoots`).
 */
export async function loadModuleFile(path: string, options: LoadOptions = {}): Promise<Module> {
  return load(path, [], { cache: new Map(), roots: importRoots([path], options.importRoots) });
}

/**
 * Load several module files, sharing files imported by more than one. The import roots of
 * data modules are the directories of all of them and `options.importRoots`.
 */
export async function loadModuleFiles(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<Module[]> {
  const st: LoadState = { cache: new Map(), roots: importRoots(paths, options.importRoots) };
  const out: Module[] = [];
  for (const p of paths) out.push(await load(p, [], st));
  return out;
}

/** Read a module file now (for resolveImportSync), with the loader's error for an unreadable one. */
function readTextSync(file: string, abs: string): string {
  try {
    return readFileSync(abs, "utf8");
  } catch (e) {
    throw unreadable(file, e);
  }
}

/**
 * A data module file read and decoded now, and the files it imports in turn, by the rules of
 * data modules (see checkDataImport).
 */
function loadDataSync(file: string, chain: readonly string[], roots: ImportRoots, importer?: string): Module {
  const abs = resolve(file);
  if (chain.includes(abs)) {
    const cycle = [...chain.slice(chain.indexOf(abs)), abs].join(" -> ");
    throw new LoadError(importer ?? file, `import cycle: ${cycle}`);
  }
  const known = loaded.get(abs);
  if (known !== undefined) return known;
  const ext = extname(file).toLowerCase();
  if (!DATA_EXTS.has(ext)) {
    throw new LoadError(file, `unsupported module file type "${ext}" (expected .json, .yaml or .yml)`);
  }
  const text = readTextSync(file, abs);
  const decoded = pipe(
    ext === ".json" ? parseJson(text, file) : parseYamlText(text, file),
    E.chain((v) => decodeModule(v, file, abs)),
  );
  if (E.isLeft(decoded)) throw decoded.left;
  const m = dataImportsSync(decoded.right, file, [...chain, abs], roots);
  loaded.set(abs, m);
  return m;
}

/** The string imports of a data module `m` of `file` (and of its inline modules), loaded now. */
function dataImportsSync(
  m: ModuleObject,
  file: string,
  chain: readonly string[],
  roots: ImportRoots,
): ModuleObject {
  const imports = m.imports;
  if (!Array.isArray(imports) || !imports.some((i) => typeof i === "string" || isModuleObject(i))) return m;
  const out = Object.create(
    Object.getPrototypeOf(m) as object | null,
    Object.getOwnPropertyDescriptors(m),
  ) as ModuleObject;
  const resolved = (imports as unknown[]).map((imp): unknown => {
    if (typeof imp === "string") {
      checkDataImport(file, imp, roots);
      return loadDataSync(imp, chain, roots, file);
    }
    return isModuleObject(imp) ? dataImportsSync(imp, file, chain, roots) : imp;
  });
  Object.defineProperty(out, "imports", {
    value: resolved,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return out;
}

/**
 * Resolve a string import met during evaluation (say, in the `imports` of a function
 * module's result): a file loaded before is that module; a JSON/YAML file is read and
 * decoded now, and the files it imports, by the rules of data modules, with its own directory
 * and the import roots of every load so far as roots. A TypeScript/JavaScript file can only
 * be imported this way if it was loaded before (its loading is asynchronous): list it on the
 * command line or import it from a TypeScript module.
 * A relative path is relative to the working directory, like a path on the command line.
 */
export function resolveImportSync(path: string): Module {
  const abs = resolve(path);
  const known = loaded.get(abs);
  if (known !== undefined) return known;
  const ext = extname(path).toLowerCase();
  if (!DATA_EXTS.has(ext)) {
    throw new LoadError(
      path,
      CODE_EXTS.has(ext)
        ? "a TypeScript/JavaScript module imported by a string path during evaluation must be loaded first (give it to loadModuleFile or on the command line)"
        : `unsupported module file type "${ext}" (expected .json, .yaml or .yml)`,
    );
  }
  const dirs = [...new Set([dirname(abs), ...rootsSoFar])];
  return loadDataSync(path, [], importRoots([], dirs, false));
}

// The engine asks the file loader for string imports it meets while collecting modules.
setImportResolver(resolveImportSync);
