/**
 * Line diffs of two texts, as `diff -u` shows them: Myers' O(ND) algorithm for the shortest
 * edit script, then hunks with three lines of context.
 */

export type DiffLine = { readonly kind: " " | "-" | "+"; readonly text: string };

/** The lines of a text: a final newline ends the last line rather than starting another. */
export const linesOf = (text: string): string[] => {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
};

/** The shortest edit script from `a` to `b`, line by line (deletions before insertions). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const w = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      w[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = w;
  }
  // Walk back through the trace.
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ kind: " ", text: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ kind: "+", text: b[--y]! });
      else out.push({ kind: "-", text: a[--x]! });
    }
  }
  return out.reverse();
}

/**
 * A unified diff of two texts (`--- oldName`, `+++ newName`, `@@ -l,s +l,s @@` hunks with
 * `context` lines around each change), or "" when they are equal. A missing side (null) is
 * `/dev/null`, as in git's diffs of added and deleted files.
 */
export function unifiedDiff(
  oldText: string | null,
  newText: string | null,
  oldName: string,
  newName: string,
  context = 3,
): string {
  if (oldText === newText) return "";
  const lines = diffLines(linesOf(oldText ?? ""), linesOf(newText ?? ""));
  const changed = lines.map((l, i) => (l.kind === " " ? -1 : i)).filter((i) => i >= 0);
  const out = [
    `--- ${oldText === null ? "/dev/null" : oldName}`,
    `+++ ${newText === null ? "/dev/null" : newName}`,
  ];
  // Line numbers before each position.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 0;
  let p = 0;
  for (const l of lines) {
    oldAt.push(o);
    newAt.push(p);
    if (l.kind !== "+") o++;
    if (l.kind !== "-") p++;
  }
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i]! - context);
    let to = Math.min(lines.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= to) {
      i++;
      to = Math.min(lines.length, changed[i]! + context + 1);
    }
    i++;
    const hunk = lines.slice(from, to);
    const oldCount = hunk.filter((l) => l.kind !== "+").length;
    const newCount = hunk.filter((l) => l.kind !== "-").length;
    const start = (at: number, count: number): string => `${count === 0 ? at : at + 1},${count}`;
    out.push(`@@ -${start(oldAt[from]!, oldCount)} +${start(newAt[from]!, newCount)} @@`);
    for (const l of hunk) out.push(`${l.kind}${l.text}`);
  }
  return out.join("\n") + "\n";
}
