/**
 * `builtins.match` and `builtins.split`: POSIX extended regular expressions as Nix evaluates them
 * (libstdc++ `std::regex::extended`), translated to JavaScript RegExps.
 *
 * - `match` must match the whole string and returns the capture groups (null for a group that did
 *   not take part), or null.
 * - `split` finds the leftmost-longest matches, like POSIX search, and returns the alternating list
 *   of non-matching strings and lists of capture groups.
 * - `.` matches any character including a newline; backslash is literal inside brackets; only
 *   special characters may be escaped outside them (`\d`, `\w`, `\n`, back-references are errors,
 *   as in Nix).
 */
import { throwError } from "../errors.js";
import { describeType } from "./attrsets.js";

interface Compiled {
  /** JS source of the pattern (no anchors added). */
  readonly source: string;
  /** Whether the first JS match can be shorter than the longest one (alternation or quantifiers). */
  readonly ambiguous: boolean;
  readonly whole: RegExp;
  readonly search: RegExp;
  readonly groups: number;
}

const cache = new Map<string, Compiled>();

class RegexSyntaxError extends Error {}

const classes: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  d: "0-9",
  alnum: "A-Za-z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: "\\t\\n\\v\\f\\r ",
  s: "\\t\\n\\v\\f\\r ",
  blank: "\\t ",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  w: "A-Za-z0-9_",
};

const escapeClassChar = (c: string): string => (/[\\\]^\-[]/.test(c) ? "\\" + c : c);
const escapeLiteral = (c: string): string => (/[\\^$.*+?()[\]{}|/]/.test(c) ? "\\" + c : c);

/** Translate a POSIX ERE to JS regex source. */
function translate(pat: string): { source: string; ambiguous: boolean; groups: number } {
  let i = 0;
  let ambiguous = false;
  let groups = 0;

  const parseBracket = (): string => {
    // at the character after `[`
    let out = "[";
    if (pat[i] === "^") {
      out += "^";
      i++;
    }
    let first = true;
    let items = 0;
    for (;;) {
      if (i >= pat.length) throw new RegexSyntaxError();
      const c = pat[i]!;
      if (c === "]" && !first) {
        i++;
        break;
      }
      first = false;
      let lo: string;
      if (c === "[" && (pat[i + 1] === ":" || pat[i + 1] === "=" || pat[i + 1] === ".")) {
        const kind = pat[i + 1]!;
        const end = pat.indexOf(kind + "]", i + 2);
        if (end === -1) throw new RegexSyntaxError();
        const name = pat.slice(i + 2, end);
        i = end + 2;
        if (kind === ":") {
          const cls = classes[name];
          if (cls === undefined) throw new RegexSyntaxError();
          out += cls;
          items++;
          continue;
        }
        if ([...name].length !== 1) throw new RegexSyntaxError();
        lo = name;
      } else {
        lo = c;
        i++;
      }
      // a range `lo-hi` (a `-` before the closing bracket is literal)
      if (pat[i] === "-" && i + 1 < pat.length && pat[i + 1] !== "]") {
        let hi = pat[i + 1]!;
        i += 2;
        if (hi === "[" && (pat[i] === "." || pat[i] === "=")) {
          const kind = pat[i]!;
          const end = pat.indexOf(kind + "]", i + 1);
          if (end === -1) throw new RegexSyntaxError();
          hi = pat.slice(i + 1, end);
          i = end + 2;
        }
        if (hi.charCodeAt(0) < lo.charCodeAt(0)) throw new RegexSyntaxError();
        out += escapeClassChar(lo) + "-" + escapeClassChar(hi);
      } else out += escapeClassChar(lo);
      items++;
    }
    if (items === 0) throw new RegexSyntaxError();
    return out + "]";
  };

  const parseAlternation = (depth: number): string => {
    const branches: string[] = [parseSequence(depth)];
    while (pat[i] === "|") {
      i++;
      ambiguous = true;
      branches.push(parseSequence(depth));
    }
    return branches.join("|");
  };

  const parseSequence = (depth: number): string => {
    let out = "";
    while (i < pat.length) {
      const c = pat[i]!;
      if (c === "|") break;
      if (c === ")") {
        if (depth === 0) throw new RegexSyntaxError();
        break;
      }
      let atom: string;
      if (c === "(") {
        i++;
        groups++;
        const inner = parseAlternation(depth + 1);
        if (pat[i] !== ")") throw new RegexSyntaxError();
        i++;
        atom = "(" + inner + ")";
      } else if (c === "[") {
        i++;
        atom = parseBracket();
      } else if (c === "\\") {
        const n = pat[i + 1];
        if (n === undefined || !".[\\()*+?{|^$".includes(n)) throw new RegexSyntaxError();
        atom = "\\" + n;
        i += 2;
      } else if (c === "*" || c === "+" || c === "?" || c === "{") {
        throw new RegexSyntaxError();
      } else if (c === "^" || c === "$") {
        atom = c;
        i++;
      } else if (c === ".") {
        atom = ".";
        i++;
      } else {
        // a whole code point, so that a quantifier applies to all of it
        const cp = pat.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        i += ch.length;
        atom = ch.length > 1 ? `(?:${ch})` : escapeLiteral(ch);
      }
      let quantified = false;
      for (;;) {
        const q = pat[i];
        let quant: string;
        if (q === "*" || q === "+" || q === "?") {
          quant = q;
          i++;
        } else if (q === "{") {
          const m = /^\{([0-9]+)(,([0-9]*))?\}/.exec(pat.slice(i));
          if (!m) throw new RegexSyntaxError();
          const lo = Number(m[1]);
          if (m[3] !== undefined && m[3] !== "" && Number(m[3]) < lo) throw new RegexSyntaxError();
          quant = m[0];
          i += m[0].length;
        } else break;
        if (quantified || atom === "^" || atom === "$") atom = `(?:${atom})`;
        atom += quant;
        quantified = true;
        ambiguous = true;
      }
      out += atom;
    }
    return out;
  };

  const source = parseAlternation(0);
  if (i !== pat.length) throw new RegexSyntaxError();
  return { source, ambiguous, groups };
}

function compile(pattern: string): Compiled {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let compiled: Compiled;
  try {
    const { source, ambiguous, groups } = translate(pattern);
    compiled = {
      source,
      ambiguous,
      groups,
      whole: new RegExp(`^(?:${source})$`, "s"),
      search: new RegExp(source, "gs"),
    };
  } catch {
    return throwError(`invalid regular expression '${pattern}'`);
  }
  cache.set(pattern, compiled);
  return compiled;
}

function expectString(v: unknown, fn: string): string {
  if (typeof v !== "string") throwError(`${fn}: value is ${describeType(v)} while a string was expected`);
  return v;
}

const captures = (m: RegExpExecArray): (string | null)[] => m.slice(1).map((g) => (g === undefined ? null : g));

/** `builtins.match regex str`: the capture groups of a whole-string match, or null. */
export function match(regex: string, str: string): (string | null)[] | null {
  const c = compile(expectString(regex, "match"));
  const m = c.whole.exec(expectString(str, "match"));
  return m ? captures(m) : null;
}

/** The leftmost-longest match at or after `from`, as POSIX search finds it. */
function searchLongest(c: Compiled, str: string, from: number): RegExpExecArray | null {
  c.search.lastIndex = from;
  let m = c.search.exec(str);
  if (!m || !c.ambiguous) return m;
  const start = m.index;
  let end = start + m[0].length;
  // Look for a longer match at the same start: the first one (in backtracking order) reaching
  // past the current end, until none does.
  while (end < str.length) {
    const longer = new RegExp(`(?:${c.source})(?<=^[\\s\\S]{${end + 1},})`, "ys");
    longer.lastIndex = start;
    const m2 = longer.exec(str);
    if (!m2) break;
    m = m2;
    end = start + m2[0].length;
  }
  return m;
}

/** `builtins.split regex str`: `[ "before" [ groups ] "between" [ groups ] "after" ]`. */
export function split(regex: string, str: string): (string | (string | null)[])[] {
  const c = compile(expectString(regex, "split"));
  const s = expectString(str, "split");
  const out: (string | (string | null)[])[] = [];
  let last = 0;
  let from = 0;
  while (from <= s.length) {
    const m = searchLongest(c, s, from);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out.push(s.slice(last, start), captures(m));
    last = end;
    from = end === start ? end + 1 : end;
  }
  out.push(s.slice(last));
  return out;
}

/** Test whether `regex` is valid for Nix (throws the Nix error otherwise). */
export function checkRegex(regex: string): void {
  compile(regex);
}
