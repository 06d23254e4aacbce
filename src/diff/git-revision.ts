/**
 * Module files as they were at a git revision (`nixmod diff --git REV`): the files given, and
 * every file they name, read from the repository at that commit and written, at the same
 * places, into a temporary folder, where they are loaded as any module file is.
 *
 * A file names another when a TypeScript or JavaScript module has it in a string starting with
 * `./` or `../` (its imports, `import()`, `require`, `new URL(...)`: `./hooks.js` also names
 * `./hooks.ts`, as TypeScript resolves it; a specifier without an extension names the files
 * with each module extension, and `index.*` under it), or a JSON or YAML module has it as a
 * string (its `imports`). Only files the commit has are taken; with them, the `package.json`
 * and `tsconfig.json` of their folders and of every folder above them in the repository (they
 * decide how Node and TypeScript read the modules). Packages (`import ... from "nixmod"`) come
 * from the repository's `node_modules` as it is now, which the folder links to.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { DiffInputError } from "./host-files.js";

export interface FilesAtRevision {
  /** The commit the revision named. */
  readonly commit: string;
  /** The temporary folder: the repository's top, holding the files as they were. */
  readonly dir: string;
  /** The files given, as paths in `dir`. */
  readonly files: readonly string[];
  /** The import roots given, as paths in `dir` (those outside the repository as given). */
  readonly importRoots: readonly string[];
  /** How many files were taken from the commit. */
  readonly count: number;
  /** Remove the temporary folder. */
  remove(): void;
}

function git(args: readonly string[], cwd: string): Buffer {
  try {
    return execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    const code = (e as NodeJS.ErrnoException).code;
    throw new DiffInputError(
      code === "ENOENT"
        ? "git is not installed (not found on PATH)"
        : `git ${args[0]} failed: ${stderr || (e as Error).message}`,
    );
  }
}

const CODE_EXTS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const DATA_EXTS = [".json", ".yaml", ".yml"];
/** What TypeScript also looks for when a specifier names a JavaScript file. */
const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/** The repository paths a relative specifier in the file at `from` may name. */
function candidates(from: string, spec: string): string[] {
  const p = posix.normalize(posix.join(posix.dirname(from), spec));
  const ext = posix.extname(p);
  const out = [p];
  for (const alt of TS_FOR_JS[ext] ?? []) out.push(p.slice(0, -ext.length) + alt);
  if (![...CODE_EXTS, ...DATA_EXTS].includes(ext)) {
    for (const e of [...CODE_EXTS, ...DATA_EXTS]) out.push(p + e, `${p}/index${e}`);
  }
  return out;
}

/** The strings of a parsed data file, anywhere in it. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (typeof value === "object" && value !== null)
    for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** The repository paths `text` (the file at `path`) names (see the file comment). */
function namedBy(path: string, text: string): string[] {
  const ext = posix.extname(path).toLowerCase();
  if (CODE_EXTS.includes(ext)) {
    const specs = Array.from(text.matchAll(/(["'`])(\.{1,2}\/[^"'`\n$]*)\1/g), (m) => m[2]!);
    return specs.flatMap((s) => candidates(path, s));
  }
  if (DATA_EXTS.includes(ext)) {
    let data: unknown;
    try {
      data =
        ext === ".json"
          ? JSON.parse(text)
          : (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);
    } catch {
      return []; // (loading it says what is wrong)
    }
    return stringsIn(data)
      .filter((s) => s !== "" && s.length < 1024 && !s.includes("\n") && !isAbsolute(s))
      .map((s) => posix.normalize(posix.join(posix.dirname(path), s)));
  }
  return [];
}

/** `p` as a path relative to the repository's top (posix), or null when it is outside. */
function inRepository(root: string, prefix: string, p: string): string | null {
  let rel: string;
  if (isAbsolute(p)) {
    // (The top git names has its links resolved: so must the path be, as far as it exists.)
    let d = p;
    while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
    const abs = existsSync(d) ? join(realpathSync(d), relative(d, p)) : p;
    rel = relative(root, abs).split(sep).join("/");
  } else {
    rel = posix.normalize(posix.join(prefix, p.split(sep).join("/")));
  }
  return rel === "" || rel === "." || rel.startsWith("../") || rel === ".." || isAbsolute(rel) ? null : rel;
}

/**
 * The files `files` (paths from `cwd`) as they were at `rev`, with every file they name, in a
 * temporary folder (see the file comment). A file given that the commit does not have is a
 * DiffInputError, as are a revision git does not know and a folder that is no repository.
 */
export function filesAtRevision(
  rev: string,
  files: readonly string[],
  options: { cwd?: string; importRoots?: readonly string[] } = {},
): FilesAtRevision {
  const cwd = resolve(options.cwd ?? process.cwd());
  const root = git(["rev-parse", "--show-toplevel"], cwd).toString().trim();
  const prefix = git(["rev-parse", "--show-prefix"], cwd).toString().trim();
  let commit: string;
  try {
    commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], cwd)
      .toString()
      .trim();
  } catch {
    throw new DiffInputError(`git knows no revision '${rev}' in ${root}`);
  }
  const short = commit.slice(0, 12);
  // Every file of the commit: path -> [mode, object].
  const tree = new Map<string, readonly [string, string]>();
  for (const entry of git(["ls-tree", "-r", "-z", "--full-tree", commit], root).toString().split("\0")) {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (m !== null && m[2] === "blob") tree.set(m[4]!, [m[1]!, m[3]!]);
  }

  const given = files.map((f) => {
    const rel = inRepository(root, prefix, f);
    if (rel === null) throw new DiffInputError(`${f} is not in the git repository ${root}`);
    if (!tree.has(rel)) throw new DiffInputError(`${f} did not exist at ${rev} (commit ${short})`);
    return rel;
  });
  const taken = new Map<string, Buffer>();
  const queue = [...given];
  const take = (path: string): void => {
    if (!taken.has(path) && tree.has(path)) queue.push(path);
  };
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (taken.has(path)) continue;
    const [mode, object] = tree.get(path)!;
    const contents = git(["cat-file", "blob", object], root);
    taken.set(path, contents);
    if (mode === "120000") {
      take(posix.normalize(posix.join(posix.dirname(path), contents.toString())));
      continue;
    }
    for (const named of namedBy(path, contents.toString("utf8"))) take(named);
    for (let d = posix.dirname(path); ; d = posix.dirname(d)) {
      for (const f of ["package.json", "tsconfig.json"]) take(d === "." ? f : `${d}/${f}`);
      if (d === ".") break;
    }
  }

  const dir = mkdtempSync(join(tmpdir(), "nixmod-diff-"));
  try {
    for (const [path, contents] of taken) {
      const target = join(dir, ...path.split("/"));
      mkdirSync(dirname(target), { recursive: true });
      if (tree.get(path)![0] === "120000") symlinkSync(contents.toString(), target);
      else writeFileSync(target, contents, { mode: tree.get(path)![0] === "100755" ? 0o755 : 0o644 });
    }
    if (existsSync(join(root, "node_modules")) && !taken.has("node_modules")) {
      symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const mapped = (p: string): string => {
    const rel = inRepository(root, prefix, p);
    return rel === null ? resolve(cwd, p) : join(dir, ...rel.split("/"));
  };
  return {
    commit,
    dir,
    files: given.map((rel) => join(dir, ...rel.split("/"))),
    importRoots: (options.importRoots ?? []).map(mapped),
    count: taken.size,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
