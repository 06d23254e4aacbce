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
import { throwError, throwTypeError } from "../errors.js";
import { describeType } from "./attrsets.js";

// ---------------------------------------------------------------------------------------------
// Syntax

type Node =
  | { t: "atom"; src: string; test: (c: number) => boolean }
  | { t: "bol" }
  | { t: "eol" }
  | { t: "group"; index: number; body: Node[] }
  | { t: "alt"; branches: Node[][] }
  | { t: "rep"; body: Node; min: number; max: number };

class RegexSyntaxError extends Error {}

type Ranges = [number, number][];

const r = (a: string, b = a): [number, number] => [a.charCodeAt(0), b.charCodeAt(0)];
const classes: Record<string, Ranges> = {
  alpha: [r("A", "Z"), r("a", "z")],
  digit: [r("0", "9")],
  alnum: [r("0", "9"), r("A", "Z"), r("a", "z")],
  upper: [r("A", "Z")],
  lower: [r("a", "z")],
  space: [[9, 13], [32, 32]],
  blank: [[9, 9], [32, 32]],
  punct: [r("!", "/"), r(":", "@"), r("[", "`"), r("{", "~")],
  print: [[32, 126]],
  graph: [[33, 126]],
  cntrl: [[0, 31], [127, 127]],
  xdigit: [r("0", "9"), r("A", "F"), r("a", "f")],
  w: [r("0", "9"), r("A", "Z"), r("a", "z"), r("_")],
};
classes.d = classes.digit!;
classes.s = classes.space!;

const hex = (c: number): string => "\\x" + c.toString(16).padStart(2, "0");
const hex4 = (c: number): string => (c < 256 ? hex(c) : "\\u" + c.toString(16).padStart(4, "0"));

function parse(pat: string): { seq: Node[]; groups: number; hasAlt: boolean } {
  let i = 0;
  let groups = 0;
  let hasAlt = false;

  const parseBracket = (): Node => {
    // at the character after `[`
    let negate = false;
    if (pat[i] === "^") {
      negate = true;
      i++;
    }
    const ranges: Ranges = [];
    let first = true;
    const single = (): number => {
      const c = pat[i]!;
      if (c === "[" && (pat[i + 1] === "." || pat[i + 1] === "=")) {
        const kind = pat[i + 1]!;
        const end = pat.indexOf(kind + "]", i + 2);
        if (end === -1 || end !== i + 3) throw new RegexSyntaxError();
        const ch = pat.charCodeAt(i + 2);
        i = end + 2;
        return ch;
      }
      i++;
      return c.charCodeAt(0);
    };
    for (;;) {
      if (i >= pat.length) throw new RegexSyntaxError();
      const c = pat[i]!;
      if (c === "]" && !first) {
        i++;
        break;
      }
      first = false;
      if (c === "[" && pat[i + 1] === ":") {
        const end = pat.indexOf(":]", i + 2);
        if (end === -1) throw new RegexSyntaxError();
        const cls = classes[pat.slice(i + 2, end)];
        if (cls === undefined) throw new RegexSyntaxError();
        ranges.push(...cls);
        i = end + 2;
        continue;
      }
      const lo = single();
      // a range `lo-hi` (a `-` before the closing bracket is literal)
      if (pat[i] === "-" && i + 1 < pat.length && pat[i + 1] !== "]") {
        i++;
        const hi = single();
        if (hi < lo) throw new RegexSyntaxError();
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    const src = "[" + (negate ? "^" : "") + ranges.map(([a, b]) => (a === b ? hex4(a) : hex4(a) + "-" + hex4(b))).join("") + "]";
    const inSet = (code: number): boolean => ranges.some(([a, b]) => code >= a && code <= b);
    return { t: "atom", src, test: negate ? (code) => !inSet(code) : inSet };
  };

  const parseAlternation = (depth: number): Node[] => {
    const branches: Node[][] = [parseSequence(depth)];
    while (pat[i] === "|") {
      i++;
      hasAlt = true;
      branches.push(parseSequence(depth));
    }
    return branches.length === 1 ? branches[0]! : [{ t: "alt", branches }];
  };

  const parseSequence = (depth: number): Node[] => {
    const out: Node[] = [];
    while (i < pat.length) {
      const c = pat[i]!;
      if (c === "|") break;
      if (c === ")") {
        if (depth === 0) throw new RegexSyntaxError();
        break;
      }
      let atom: Node;
      if (c === "(") {
        i++;
        const index = groups++;
        const body = parseAlternation(depth + 1);
        if (pat[i] !== ")") throw new RegexSyntaxError();
        i++;
        atom = { t: "group", index, body };
      } else if (c === "[") {
        i++;
        atom = parseBracket();
      } else if (c === "\\") {
        const n = pat[i + 1];
        if (n === undefined || !".[\\()*+?{|^$".includes(n)) throw new RegexSyntaxError();
        const code = n.charCodeAt(0);
        atom = { t: "atom", src: hex(code), test: (x) => x === code };
        i += 2;
      } else if (c === "*" || c === "+" || c === "?" || c === "{") {
        throw new RegexSyntaxError();
      } else if (c === "^") {
        atom = { t: "bol" };
        i++;
      } else if (c === "$") {
        atom = { t: "eol" };
        i++;
      } else if (c === ".") {
        atom = { t: "atom", src: "[\\s\\S]", test: () => true };
        i++;
      } else {
        const code = pat.charCodeAt(i);
        i++;
        atom = { t: "atom", src: hex4(code), test: (x) => x === code };
      }
      for (;;) {
        const q = pat[i];
        let min: number;
        let max: number;
        if (q === "*" || q === "+" || q === "?") {
          min = q === "+" ? 1 : 0;
          max = q === "?" ? 1 : Infinity;
          i++;
        } else if (q === "{") {
          const m = /^\{([0-9]+)(,([0-9]*))?\}/.exec(pat.slice(i));
          if (!m) throw new RegexSyntaxError();
          min = Number(m[1]);
          max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
          if (max < min) throw new RegexSyntaxError();
          i += m[0].length;
        } else break;
        atom = { t: "rep", body: atom, min, max };
      }
      out.push(atom);
    }
    return out;
  };

  const seq = parseAlternation(0);
  if (i !== pat.length) throw new RegexSyntaxError();
  return { seq, groups, hasAlt };
}

function toSource(seq: readonly Node[]): string {
  const one = (n: Node): string => {
    switch (n.t) {
      case "atom":
        return n.src;
      case "bol":
        return "^";
      case "eol":
        return "$";
      case "group":
        return "(" + toSource(n.body) + ")";
      case "alt":
        return "(?:" + n.branches.map(toSource).join("|") + ")";
      case "rep": {
        const body = n.body.t === "rep" || n.body.t === "bol" || n.body.t === "eol" ? `(?:${one(n.body)})` : one(n.body);
        const q =
          n.min === 0 && n.max === Infinity
            ? "*"
            : n.min === 1 && n.max === Infinity
              ? "+"
              : n.min === 0 && n.max === 1
                ? "?"
                : `{${n.min},${n.max === Infinity ? "" : n.max}}`;
        return body + q;
      }
    }
  };
  return seq.map(one).join("");
}

// ---------------------------------------------------------------------------------------------
// A backtracking matcher with libstdc++'s POSIX semantics: alternatives are all explored and the
// longest match wins (the first one found on a tie); a greedy repetition that led to a match is not
// retried with fewer iterations; an iteration may match empty at most twice in a row.

type Cont = (pos: number) => boolean;
type Matcher = (pos: number, k: Cont) => boolean;

interface Ctx {
  s: string;
  starts: number[];
  ends: number[];
  bestEnd: number;
  bestStarts: number[];
  bestEnds: number[];
}

function buildMatcher(seq: readonly Node[], ctx: Ctx): Matcher {
  const compileSeq = (nodes: readonly Node[]): Matcher => {
    const ms = nodes.map(compileNode);
    if (ms.length === 1) return ms[0]!;
    const run = (i: number, pos: number, k: Cont): boolean =>
      i === ms.length ? k(pos) : ms[i]!(pos, (p) => run(i + 1, p, k));
    return (pos, k) => run(0, pos, k);
  };
  const repState = (body: Matcher) => {
    const st = { pos: -1, count: 0 };
    // libstdc++ _M_rep_once_more
    return (pos: number, k: Cont): boolean => {
      if (st.count === 0 || st.pos !== pos) {
        const bp = st.pos;
        const bc = st.count;
        st.pos = pos;
        st.count = 1;
        try {
          return body(pos, k);
        } finally {
          st.pos = bp;
          st.count = bc;
        }
      }
      if (st.count < 2) {
        st.count++;
        try {
          return body(pos, k);
        } finally {
          st.count--;
        }
      }
      return false;
    };
  };
  const compileNode = (n: Node): Matcher => {
    switch (n.t) {
      case "atom": {
        const test = n.test;
        return (pos, k) => pos < ctx.s.length && test(ctx.s.charCodeAt(pos)) && k(pos + 1);
      }
      case "bol":
        return (pos, k) => pos === 0 && k(pos);
      case "eol":
        return (pos, k) => pos === ctx.s.length && k(pos);
      case "group": {
        const body = compileSeq(n.body);
        const gi = n.index;
        return (pos, k) => {
          const backStart = ctx.starts[gi]!;
          ctx.starts[gi] = pos;
          try {
            return body(pos, (p) => {
              const bs = ctx.starts[gi]!;
              const be = ctx.ends[gi]!;
              ctx.ends[gi] = p;
              try {
                return k(p);
              } finally {
                ctx.starts[gi] = bs;
                ctx.ends[gi] = be;
              }
            });
          } finally {
            ctx.starts[gi] = backStart;
          }
        };
      }
      case "alt": {
        const bs = n.branches.map(compileSeq);
        return (pos, k) => {
          let any = false;
          for (const b of bs) if (b(pos, k)) any = true;
          return any;
        };
      }
      case "rep": {
        const parts: Matcher[] = [];
        for (let c = 0; c < n.min; c++) parts.push(compileNode(n.body));
        let tail: Matcher;
        if (n.max === Infinity) {
          // a loop whose body is shared (`x+` reuses the states of its one copy)
          const body = n.min > 0 ? parts[parts.length - 1]! : compileNode(n.body);
          const loop: Matcher = (pos, k) => once(pos, k) || k(pos);
          const once = repState((pos, k) => body(pos, (p) => loop(p, k)));
          tail = loop;
        } else {
          // optional copies, nested: x{n,m} = x..x (x (x ...)?)? with every skip going to the end
          const opts: ((pos: number, k: Cont, kEnd: Cont) => boolean)[] = [];
          for (let c = n.min; c < n.max; c++) {
            const once = repState(compileNode(n.body));
            opts.push((pos, k, kEnd) => once(pos, k) || kEnd(pos));
          }
          tail = (pos, k) => {
            const run = (j: number, p: number): boolean => (j === opts.length ? k(p) : opts[j]!(p, (q) => run(j + 1, q), k));
            return run(0, pos);
          };
        }
        const all = [...parts, tail];
        const run = (i: number, pos: number, k: Cont): boolean =>
          i === all.length ? k(pos) : all[i]!(pos, (p) => run(i + 1, p, k));
        return (pos, k) => run(0, pos, k);
      }
    }
  };
  return compileSeq(seq);
}

const nullable = (seq: readonly Node[]): boolean =>
  seq.every((n) => {
    switch (n.t) {
      case "atom":
        return false;
      case "bol":
      case "eol":
        return true;
      case "group":
        return nullable(n.body);
      case "alt":
        return n.branches.some(nullable);
      case "rep":
        return n.min === 0 || nullable([n.body]);
    }
  });

const hasEmptyLoop = (seq: readonly Node[]): boolean =>
  seq.some((n) => {
    switch (n.t) {
      case "group":
        return hasEmptyLoop(n.body);
      case "alt":
        return n.branches.some(hasEmptyLoop);
      case "rep":
        return nullable([n.body]) || hasEmptyLoop([n.body]);
      default:
        return false;
    }
  });

interface Compiled {
  readonly whole: RegExp;
  readonly search: RegExp;
  readonly groups: number;
  /** Whether search needs the POSIX engine (alternation), else JS search agrees with libstdc++. */
  readonly hasAlt: boolean;
  /** Whether a repetition's body can match empty (JS and libstdc++ differ on such iterations). */
  readonly emptyLoop: boolean;
  readonly seq: readonly Node[];
}

const cache = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let compiled: Compiled;
  try {
    const { seq, groups, hasAlt } = parse(pattern);
    const source = toSource(seq);
    compiled = {
      groups,
      hasAlt,
      emptyLoop: hasEmptyLoop(seq),
      seq,
      whole: new RegExp(`^(?:${source})$`),
      search: new RegExp(source, "g"),
    };
  } catch {
    return throwError(`invalid regular expression '${pattern}'`);
  }
  cache.set(pattern, compiled);
  return compiled;
}

function expectString(v: unknown, fn: string): string {
  if (typeof v !== "string") throwTypeError(`${fn}: value is ${describeType(v)} while a string was expected`);
  return v;
}

// Nix matches bytes: non-ASCII text is handled as its UTF-8 bytes (one char per byte).
// eslint-disable-next-line no-control-regex
const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);
const toBytes = (s: string): string => Buffer.from(s, "utf8").toString("latin1");
const fromBytes = (s: string): string => Buffer.from(s, "latin1").toString("utf8");

/**
 * `str: builtins.match regex str != null`, for a check run on every value checked (a type's):
 * an ASCII string is tested with the compiled expression directly, without the groups
 * `match` makes. The expression is compiled when first used (an invalid one fails then, as
 * with `match`).
 */
export function matcher(regex: string): (str: string) => boolean {
  if (typeof regex !== "string" || !isAscii(regex)) return (str) => match(regex, str) !== null;
  let c: Compiled | undefined;
  return (str) => {
    if (typeof str !== "string" || !isAscii(str)) return match(regex, str) !== null;
    c ??= compile(regex);
    return c.emptyLoop ? match(regex, str) !== null : c.whole.test(str);
  };
}

/** `builtins.match regex str`: the capture groups of a whole-string match, or null. */
export function match(regex: string, str: string): (string | null)[] | null {
  expectString(regex, "match");
  expectString(str, "match");
  const bytes = !isAscii(regex) || !isAscii(str);
  const c = compile(bytes ? toBytes(regex) : regex);
  const s = bytes ? toBytes(str) : str;
  const dec = (g: string | null): string | null => (g === null ? null : bytes ? fromBytes(g) : g);
  if (c.emptyLoop) {
    // libstdc++ allows an empty iteration where JavaScript does not: use the POSIX engine
    try {
      const engine = makeEngine(c, s);
      const { ctx, top } = engine;
      const accept: Cont = (pos) => {
        if (pos !== s.length) return false;
        if (ctx.bestEnd === -1) {
          ctx.bestEnd = pos;
          ctx.bestStarts = ctx.starts.slice();
          ctx.bestEnds = ctx.ends.slice();
        }
        return true;
      };
      top(0, accept);
      if (ctx.bestEnd === -1) return null;
      return groupsOf(ctx, s).map(dec);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  const m = c.whole.exec(s);
  if (!m) return null;
  return m.slice(1).map((g) => dec(g === undefined ? null : g));
}

function makeEngine(c: Compiled, s: string): { ctx: Ctx; top: Matcher } {
  const ctx: Ctx = {
    s,
    starts: new Array<number>(c.groups).fill(-1),
    ends: new Array<number>(c.groups).fill(-1),
    bestEnd: -1,
    bestStarts: [],
    bestEnds: [],
  };
  return { ctx, top: buildMatcher(c.seq, ctx) };
}

function groupsOf(ctx: Ctx, s: string): (string | null)[] {
  return ctx.bestStarts.map((st, g) => {
    const en = ctx.bestEnds[g]!;
    return en === -1 || st === -1 ? null : s.slice(st, en);
  });
}

interface Found {
  start: number;
  end: number;
  groups: (string | null)[];
}

/** The first match at or after `from`, as libstdc++'s POSIX regex_search finds it. */
function searchFrom(c: Compiled, s: string, from: number, engine: { ctx: Ctx; top: Matcher } | null): Found | null {
  if (!engine) {
    c.search.lastIndex = from;
    const m = c.search.exec(s);
    if (!m) return null;
    return { start: m.index, end: m.index + m[0].length, groups: m.slice(1).map((g) => (g === undefined ? null : g)) };
  }
  const { ctx, top } = engine;
  const accept: Cont = (pos) => {
    if (ctx.bestEnd === -1 || pos > ctx.bestEnd) {
      ctx.bestEnd = pos;
      ctx.bestStarts = ctx.starts.slice();
      ctx.bestEnds = ctx.ends.slice();
    }
    return true;
  };
  for (let start = from; start <= s.length; start++) {
    ctx.starts.fill(-1);
    ctx.ends.fill(-1);
    ctx.bestEnd = -1;
    top(start, accept);
    if (ctx.bestEnd !== -1) {
      return { start, end: ctx.bestEnd, groups: groupsOf(ctx, s) };
    }
  }
  return null;
}

/** `builtins.split regex str`: `[ "before" [ groups ] "between" [ groups ] "after" ]`. */
export function split(regex: string, str: string): (string | (string | null)[])[] {
  expectString(regex, "split");
  expectString(str, "split");
  const bytes = !isAscii(regex) || !isAscii(str);
  const c = compile(bytes ? toBytes(regex) : regex);
  const s = bytes ? toBytes(str) : str;
  const dec = (x: string): string => (bytes ? fromBytes(x) : x);
  let engine: { ctx: Ctx; top: Matcher } | null = null;
  if (c.hasAlt || c.emptyLoop) engine = makeEngine(c, s);
  const out: (string | (string | null)[])[] = [];
  let last = 0;
  let from = 0;
  while (from <= s.length) {
    let m: Found | null;
    try {
      m = searchFrom(c, s, from, engine);
    } catch (e) {
      if (!(e instanceof RangeError) || !engine) throw e;
      // too deep for the POSIX engine: fall back to JavaScript's search
      engine = null;
      m = searchFrom(c, s, from, null);
    }
    if (!m) break;
    out.push(dec(s.slice(last, m.start)), m.groups.map((g) => (g === null ? null : dec(g))));
    last = m.end;
    from = m.end === m.start ? m.end + 1 : m.end;
  }
  out.push(dec(s.slice(last)));
  return out;
}

/** Test whether `regex` is valid for Nix (throws the Nix error otherwise). */
export function checkRegex(regex: string): void {
  compile(isAscii(regex) ? regex : toBytes(regex));
}
