// Line diffs: the edit script is a shortest one, and the unified diff is one GNU patch applies.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, linesOf, unifiedDiff } from "../../src/diff/line-diff.js";

/** The length of a longest common subsequence (dynamic programming). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

const lines = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 14 });

describe("diffLines", () => {
  it("gives back both texts, with as few changes as there can be", () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffLines(a, b);
        expect(d.filter((l) => l.kind !== "+").map((l) => l.text)).toEqual(a);
        expect(d.filter((l) => l.kind !== "-").map((l) => l.text)).toEqual(b);
        expect(d.filter((l) => l.kind !== " ").length).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
      { numRuns: 300 },
    );
  });
});

describe("unifiedDiff", () => {
  it("is empty for equal texts, and names a missing side /dev/null", () => {
    expect(unifiedDiff("x\n", "x\n", "a", "b")).toBe("");
    expect(unifiedDiff(null, "x\ny\n", "a/f", "b/f")).toBe(
      "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n",
    );
    expect(unifiedDiff("x\n", null, "a/f", "b/f")).toBe("--- a/f\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n");
  });

  it("is a patch GNU patch applies, turning the old text into the new", () => {
    const dir = mkdtempSync(join(tmpdir(), "nixmod-line-diff-"));
    const text = fc.array(fc.constantFrom("one", "two", "three", "four", "five", "six"), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const old = a.map((l) => `${l}\n`).join("");
        const next = b.map((l) => `${l}\n`).join("");
        const patch = unifiedDiff(old, next, "a/f", "b/f");
        if (patch === "") {
          expect(old).toBe(next);
          return;
        }
        writeFileSync(join(dir, "f"), old);
        const r = spawnSync("patch", ["-s", "-p1", "-f", "--no-backup-if-mismatch", "-F0"], {
          cwd: dir,
          input: patch,
          encoding: "utf8",
        });
        expect(r.status, `${patch}\n${r.stdout}${r.stderr}`).toBe(0);
        expect(readFileSync(join(dir, "f"), "utf8")).toBe(next);
      }),
      { numRuns: 60 },
    );
  });

  it("linesOf: a final newline ends the last line", () => {
    expect(linesOf("")).toEqual([]);
    expect(linesOf("a\nb\n")).toEqual(["a", "b"]);
    expect(linesOf("a\nb")).toEqual(["a", "b"]);
  });
});
