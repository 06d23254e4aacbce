/**
 * Summarize a V8 .cpuprofile (from `node --cpu-prof`): self time and total (inclusive)
 * time by function, the top entries of each.
 *
 *   npx tsx bench/profile-summary.ts FILE.cpuprofile [TOP]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
const top = Number(/^\d+$/.test(process.argv[3] ?? "") ? process.argv[3] : 30);
if (!file) {
  process.stderr.write("usage: profile-summary FILE.cpuprofile [TOP]\n");
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample: the delta to the next sample.
const selfUs = new Map<number, number>();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  selfUs.set(prof.samples[i]!, (selfUs.get(prof.samples[i]!) ?? 0) + dt);
}
const key = (n: Node): string => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*\/(src|bench|node_modules)\//, "$1/");
  return `${f.functionName || "(anonymous)"} ${url}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  self.set(key(n), (self.get(key(n)) ?? 0) + us);
  // Inclusive: each distinct function on the stack once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}
const all = [...selfUs.values()].reduce((a, b) => a + b, 0);
const show = (title: string, m: Map<string, number>): void => {
  process.stdout.write(`\n${title} (of ${(all / 1000).toFixed(0)} ms sampled)\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / all).toFixed(1).padStart(5)}%  ${k}\n`,
    );
  }
};
show("self time", self);

// `--by-file BUNDLE`: self time by source file, using the `// path` comments esbuild puts in a bundle.
const bi = process.argv.indexOf("--by-file");
if (bi > 0) {
  const marks: [number, string][] = [];
  readFileSync(process.argv[bi + 1]!, "utf8")
    .split("\n")
    .forEach((l, i) => {
      const m = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(l);
      if (m) marks.push([i, m[1]!]);
    });
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    let file = f.url === "" ? f.functionName : f.url.replace(/^.*\/(node:)/, "$1");
    if (f.url.endsWith(".mjs") || f.url.endsWith(".js")) {
      const m = marks.filter(([line]) => line <= f.lineNumber).pop();
      if (m) file = m[1].replace(/^node_modules\/([^/]+)\/.*$/, "node_modules/$1");
    }
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  show("self time by file", byFile);
}
show("total time", total);

// `--callers NAME`: self time of functions named NAME, by caller chain (3 frames).
const ci = process.argv.indexOf("--callers");
if (ci > 0) {
  const name = process.argv[ci + 1];
  const callers = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName !== name) continue;
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 4; cur = parent.get(cur))
      chain.push(key(byId.get(cur)!));
    const k = chain.join("  <  ");
    callers.set(k, (callers.get(k) ?? 0) + us);
  }
  show(`callers of ${name}`, callers);
}
