/**
 * Where in a user's code something happened: the first frame of a JavaScript stack that is
 * not nixmod's own code (nor Node's, nor another package's), and the line of source there,
 * shown as Nix shows a position (`at FILE:LINE:COLUMN:` and the line with a caret). Used only
 * when an error is made or shown, never on the evaluation's paths.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** A position in a source file: 1-based line and column. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

let rootMemo: string | null | undefined;

/**
 * The directory of the nixmod package this code runs from (its package.json names it), or
 * null when there is none (an unusual layout). From src/lib, dist/src/lib or dist/bundle.
 */
export function packageRoot(): string | null {
  if (rootMemo !== undefined) return rootMemo;
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.url));
  } catch {
    return (rootMemo = null);
  }
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "nixmod") return (rootMemo = dir);
    } catch {
      // (no package.json here: look further up)
    }
    const up = dirname(dir);
    if (up === dir) return (rootMemo = null);
    dir = up;
  }
}

/** Is `file` code of nixmod itself (its sources, build or launcher), of Node, or of another package? */
function isLibraryCode(file: string): boolean {
  if (!isAbsolute(file)) return true; // node:internal/..., <anonymous>, evalmachine
  if (file.split(sep).includes("node_modules") && !underRoot(file)) return true;
  return underRoot(file, ["src", "dist", "bin"]);
}

/** Is `file` in the package's root (in one of `dirs` of it, when given)? */
function underRoot(file: string, dirs?: readonly string[]): boolean {
  const root = packageRoot();
  if (root === null) return false;
  const rel = relative(root, file);
  if (rel.startsWith("..") || isAbsolute(rel)) return false;
  return dirs === undefined || dirs.includes(rel.split(sep)[0]!);
}

/** The positions of a stack's frames, innermost first (frames without a file left out). */
export function stackPositions(stack: string | undefined): SourcePosition[] {
  if (stack === undefined) return [];
  const out: SourcePosition[] = [];
  for (const line of stack.split("\n")) {
    const m = /^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (m === null) continue;
    let file = m[1]!;
    if (file.startsWith("file://")) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    out.push({ file, line: Number(m[2]), column: Number(m[3]) });
  }
  return out;
}

/** The innermost frame of `stack` in the user's code (not nixmod's, Node's or a package's). */
export function userFrame(stack: string | undefined): SourcePosition | undefined {
  return stackPositions(stack).find((p) => !isLibraryCode(p.file) && isFile(p.file));
}

/** Is the innermost frame of `stack` (with a file) in the user's code? */
export function thrownByUserCode(stack: string | undefined): boolean {
  const top = stackPositions(stack)[0];
  return top !== undefined && !isLibraryCode(top.file) && isFile(top.file);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The stack of the code running now, with enough frames to get out of the engine (`limit`),
 * skipping the frames above and including `above`: a function giving its text, which V8
 * makes only when first asked (capturing the frames is cheap, writing them out is not).
 */
export function currentStack(above: (...args: never[]) => unknown, limit = 60): () => string | undefined {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, above);
  Error.stackTraceLimit = saved;
  return () => holder.stack;
}

/** `file` as shown to the user: relative to the working directory when it is inside it. */
export function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** The lines of `file`, or undefined when it cannot be read. */
function sourceLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, "utf8").split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/** The widest part of a source line shown around the column. */
const SHOWN_WIDTH = 120;

/**
 * A position as Nix shows one: an empty line, `at FILE:LINE:COLUMN:`, an empty line, then the
 * line before and the line itself (the part of a long one around the column) with their
 * numbers, and a caret under the column.
 */
export function showPosition(p: SourcePosition): string {
  const head = `at ${shownPath(p.file)}:${p.line}:${p.column}:`;
  const lines = sourceLines(p.file);
  const text = lines?.[p.line - 1];
  if (lines === undefined || text === undefined) return `\n${head}`;
  const start =
    text.length > SHOWN_WIDTH
      ? Math.max(0, Math.min(p.column - 1 - SHOWN_WIDTH / 2, text.length - SHOWN_WIDTH))
      : 0;
  const part = (l: string): string =>
    l
      .slice(start, start + SHOWN_WIDTH)
      .replace(/\t/g, " ")
      .trimEnd();
  const numbered = (n: number, l: string): string => `${String(n).padStart(6)}| ${part(l)}`;
  // (The line before, as Nix shows it, unless the line itself is shown from its middle.)
  const before = p.line >= 2 && start === 0 ? [numbered(p.line - 1, lines[p.line - 2]!)] : [];
  const caret = `${" ".repeat(6)}| ${" ".repeat(Math.max(0, p.column - 1 - start))}^`;
  return ["", head, "", ...before, numbered(p.line, text), caret].join("\n");
}
