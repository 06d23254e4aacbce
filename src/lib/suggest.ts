/**
 * "Did you mean ...?": the names closest to a misspelt one, for the messages of the nixmod
 * command's own tools (`eval --attr`, `explain`) and for the hints printed after Nix's
 * messages (an EvalError's `hints`). Nix's own messages stay as Nix words them.
 */

/**
 * The edit distance of `a` and `b`: insertions, deletions, substitutions and swaps of two
 * neighbouring code units (`nmae` is one edit from `name`), each edit made once (Damerau's
 * restricted distance, "optimal string alignment").
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table: two back, one back, and the one being made.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidates within a third of `name`'s length (at least one edit) of it, closest first
 * (ties in the candidates' order), at most three.
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(name, c) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, 3)
    .map(({ c }) => c);
}

/**
 * `${lead} `a' or `b'?` for the closest candidates (by default ` Did you mean`, to follow a
 * sentence), each shown by `show` (itself by default), or nothing when none is close.
 */
export function didYouMean(
  name: string,
  candidates: readonly string[],
  lead = " Did you mean",
  show: (candidate: string) => string = (c) => c,
): string {
  const close = closestNames(name, candidates);
  if (close.length === 0) return "";
  const quoted = close.map((c) => `\`${show(c)}'`);
  const list =
    quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]!}`;
  return `${lead} ${list}?`;
}
