/**
 * A JavaScript exception thrown by a user's module code (a `TypeError` in a getter or an mkIf
 * thunk), described in the user's terms: where in their file it was thrown and, for the most
 * common one, reading an attribute of `undefined` (`config.services.myap.enable`, `myap`
 * misspelt), which attribute is missing and the closest names there are. Only an exception no
 * user code is on the stack of is nixmod's own ("internal error").
 */
import { readFileSync } from "node:fs";
import { showPosition, thrownByUserCode, userFrame, type SourcePosition } from "./source-location.js";
import { didYouMean } from "./suggest.js";

/** How the command reports an exception: its message (Nix's layout), and whether it is nixmod's own. */
export interface ExceptionReport {
  readonly message: string;
  readonly internal: boolean;
}

/** The config each exception was thrown while reading, where the code reading it said so. */
const configOfException = new WeakMap<object, unknown>();

/**
 * Note that `e` was thrown while `config` (an evaluation's) was read, for describeException
 * to name a missing attribute of it; returns `e`, to be rethrown.
 */
export function thrownReading(e: unknown, config: unknown): unknown {
  if (typeof e === "object" && e !== null && !configOfException.has(e)) configOfException.set(e, config);
  return e;
}

/**
 * The message for `e`, a JavaScript exception (not an evaluation error). `config`, the
 * evaluation's config when known (given, or noted by thrownReading), lets a read of a missing
 * attribute of `config` be named.
 */
export function describeException(e: unknown, config?: unknown): ExceptionReport {
  if (config === undefined && typeof e === "object" && e !== null) config = configOfException.get(e);
  const head = e instanceof Error ? `${e.name}: ${e.message}` : `a thrown value: ${String(e)}`;
  const stack = e instanceof Error ? e.stack : undefined;
  const at = userFrame(stack);
  if (at === undefined) return { message: `internal error: ${head}`, internal: true };
  const byUser = thrownByUserCode(stack);
  const read = byUser ? undefinedRead(e, at) : undefined;
  if (read !== undefined) {
    const missing = config === undefined ? undefined : missingAttribute(config, read);
    if (missing !== undefined) {
      const where = `in \`${["config", ...read.path.slice(0, -1)].join(".")}'`;
      return {
        message: [
          `attribute '${missing.name}' missing ${where}`,
          showPosition(missing.position),
          ...(missing.suggestion === "" ? [] : [missing.suggestion]),
          `(${head}, thrown by the module's code)`,
        ].join("\n"),
        internal: false,
      };
    }
    return {
      message: [
        `cannot read \`${read.property}' of \`${read.object}', which is ${read.value}`,
        showPosition(read.at),
        `(${head}, thrown by the module's code)`,
      ].join("\n"),
      internal: false,
    };
  }
  return {
    message: [
      head,
      showPosition(at),
      byUser
        ? "(a JavaScript exception, thrown by the module's code)"
        : "(a JavaScript exception, thrown by code the module's code called)",
    ].join("\n"),
    internal: false,
  };
}

/** A read of an attribute of `undefined` or `null` in the source: `object.property`. */
interface UndefinedRead {
  /** The source of the object read from (`config.services.myap`). */
  readonly object: string;
  /** The attribute read of it (`enable`). */
  readonly property: string;
  /** `undefined` or `null`. */
  readonly value: string;
  /** The object's attribute path when it is one from `config` (`["services", "myap"]`). */
  readonly path: readonly string[];
  /** Where each name of `path` is in the file. */
  readonly positions: readonly SourcePosition[];
  /** Where the name read is in the file. */
  readonly at: SourcePosition;
}

/**
 * What V8's `Cannot read properties of undefined (reading 'enable')` read, found in the source
 * at `at` (V8's column is that of the name read, or of the `[` of `[...]`).
 */
function undefinedRead(e: unknown, at: SourcePosition): UndefinedRead | undefined {
  if (!(e instanceof TypeError)) return undefined;
  const m = /^Cannot read properties of (undefined|null) \(reading '(.*)'\)$/.exec(e.message);
  if (m === null) return undefined;
  let text: string;
  try {
    text = readFileSync(at.file, "utf8");
  } catch {
    return undefined;
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offsetOf = (line: number, column: number): number => (lineStarts[line - 1] ?? NaN) + column - 1;
  const positionOf = (offset: number): SourcePosition => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { file: at.file, line: line + 1, column: offset - lineStarts[line]! + 1 };
  };
  const start = offsetOf(at.line, at.column);
  if (!(start >= 0 && start < text.length)) return undefined;
  // The read itself: `.name`, `?.name` or `["name"]`. V8 gives the column of the name (or of
  // the `[`); through a source map, that of the token the code there was made from, which may
  // be the object's last name: the first such read from just before the column on.
  const property = m[2]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const reads = new RegExp(
    `(\\?\\.|\\.)\\s*${property}(?![\\p{L}\\p{N}_$])|\\[\\s*(["'])${property}\\2\\s*\\]`,
    "gu",
  );
  reads.lastIndex = Math.max(0, start - 2);
  const found = reads.exec(text);
  if (found === null || found.index > start + 200) return undefined;
  const end = found.index;
  const chain = memberChainBefore(text, end);
  if (chain === undefined) return undefined;
  return {
    object: text.slice(chain.start, skipSpaceBack(text, end)).replace(/\s*\n\s*/g, ""),
    property: m[2]!,
    value: m[1]!,
    path: chain.root === "config" ? chain.names.map((n) => n.name) : [],
    positions: chain.names.map((n) => positionOf(n.offset)),
    at: positionOf(end + found[0].search(/[^?.\s[\]"']/)),
  };
}

/** The offset after the last non-space character before `i`. */
function skipSpaceBack(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

const identChar = /[\p{L}\p{N}_$]/u;

/**
 * The member expression that ends at `end` (`config.services.myap`, `cfg().myap`,
 * `x["a"].b`): where it starts, its root (an identifier, or "" for anything else such as a
 * call), and the names read after the root with their offsets.
 */
function memberChainBefore(
  text: string,
  end: number,
): { start: number; root: string; names: { name: string; offset: number }[] } | undefined {
  const names: { name: string; offset: number }[] = [];
  let i = skipSpaceBack(text, end);
  for (;;) {
    if (i === 0) return undefined;
    const c = text[i - 1]!;
    let name: string;
    let nameStart: number;
    if (c === "]") {
      const lit = /(\[\s*)(["'])((?:(?!\2)[^\\\n])*)\2\s*\]$/.exec(text.slice(Math.max(0, i - 200), i));
      if (lit === null) return undefined;
      name = lit[3]!;
      nameStart = i - lit[0].length + lit[1]!.length + 1;
      i -= lit[0].length;
      names.unshift({ name, offset: nameStart });
      i = skipSpaceBack(text, i);
      if (text[i - 1] === "?" && text[i - 2] === ".") i = skipSpaceBack(text, i - 2);
      continue;
    }
    if (c === ")") {
      // A call: the chain's root is whatever is called (not followed further).
      let depth = 0;
      let j = i - 1;
      for (; j >= 0; j--) {
        if (text[j] === ")") depth++;
        else if (text[j] === "(" && --depth === 0) break;
      }
      if (j < 0) return undefined;
      let k = skipSpaceBack(text, j);
      while (k > 0 && (identChar.test(text[k - 1]!) || text[k - 1] === ".")) k--;
      return { start: k, root: "", names };
    }
    if (!identChar.test(c)) return undefined;
    let j = i;
    while (j > 0 && identChar.test(text[j - 1]!)) j--;
    name = text.slice(j, i);
    nameStart = j;
    const before = skipSpaceBack(text, j);
    if (text[before - 1] === "." && text[before - 2] !== ".") {
      names.unshift({ name, offset: nameStart });
      i = skipSpaceBack(text, text[before - 2] === "?" ? before - 2 : before - 1);
      continue;
    }
    return { start: j, root: name, names };
  }
}

/**
 * The attribute of `config` that `read` found missing, checked against the evaluation's
 * config: every name of the path before it is there, and it is not. (When the path is all
 * there, the module read another config than the evaluation's, a submodule's: nothing is said.)
 */
function missingAttribute(
  config: unknown,
  read: UndefinedRead,
): { name: string; position: SourcePosition; suggestion: string } | undefined {
  const { path } = read;
  if (path.length === 0) return undefined;
  let v: unknown = config;
  try {
    for (let i = 0; i < path.length; i++) {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
      const name = path[i]!;
      if (!Object.prototype.propertyIsEnumerable.call(v, name)) {
        if (i !== path.length - 1) return undefined;
        return {
          name,
          position: read.positions[i]!,
          suggestion: didYouMean(name, Object.keys(v), "Did you mean"),
        };
      }
      v = (v as Record<string, unknown>)[name];
    }
  } catch {
    // (reading the path failed on its own: nothing to say about it)
  }
  return undefined;
}
