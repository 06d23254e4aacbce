/**
 * `npm run bench`: evaluate hosts with N containers (see workload.ts), each N in a fresh
 * Node process run under `/usr/bin/time -v`, and report whole-process wall time and peak
 * memory (maximum resident set size). Writes docs/performance.md and docs/performance.svg.
 *
 * The measured process runs an esbuild bundle of bench/run.ts (bench/.build/run.mjs), so
 * what is timed is start-up plus evaluation, not TypeScript compilation.
 *
 *   npm run bench -- [--sizes 10,100,1000] [--runs 5] [--no-write]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { nodeFlags } from "../bin/node-flags.mjs";
import { bundle } from "./bundle.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TIME = "/usr/bin/time";
/** The measured processes' code cache (bin/compile-cache.cjs): the benchmark's own. */
const CACHE_DIR = join(root, "bench/.build/compile-cache");

/** Real Nix 2.8 with nixpkgs lib on the same workload and machines (from the issue). */
const NIX: Record<number, { s: number; mb: number }> = {
  100: { s: 0.67, mb: 129 },
  1000: { s: 4.25, mb: 568 },
  3000: { s: 21.4, mb: 1760 },
};

interface Sample {
  s: number;
  mb: number;
  /** user + system CPU seconds (less sensitive than wall time to other load on the machine) */
  cpu: number;
}
interface Row {
  n: number;
  runs: Sample[];
  s: number;
  mb: number;
  cpu: number;
}

/** `/usr/bin/time` is Debian's `time` package: install it, or say how. */
function ensureTime(): void {
  if (existsSync(TIME)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const cmd = isRoot ? ["apt-get", "install", "-y", "time"] : ["sudo", "-n", "apt-get", "install", "-y", "time"];
  process.stderr.write(`${TIME} is missing; trying: ${cmd.join(" ")}\n`);
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: "inherit" });
  if (r.status === 0 && existsSync(TIME)) return;
  process.stderr.write(
    `bench: ${TIME} (GNU time, which reports peak memory with -v) is not installed and could not be installed.\n` +
      `Install it with \`apt-get install time\` (Debian/Ubuntu) or your system's GNU time package, then rerun.\n`,
  );
  process.exit(1);
}

/** Run `node args` under /usr/bin/time -v: wall seconds, peak RSS in MB (10^6 bytes), stdout. */
function timed(args: string[], env: Record<string, string> = {}): Sample & { stdout: string } {
  // The evaluation runs with the flags the nixmod command uses (bin/node-flags.mjs), and the
  // benchmark's own code cache (see main).
  const r = spawnSync(TIME, ["-v", process.execPath, ...nodeFlags(), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, NIXMOD_COMPILE_CACHE: CACHE_DIR, ...env },
  });
  if (r.status !== 0) {
    throw new Error(`node ${args.join(" ")} failed (status ${String(r.status)}):\n${r.stderr.slice(-4000)}`);
  }
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  if (!wall || !rss || !user || !sys) throw new Error(`cannot read /usr/bin/time output:\n${r.stderr.slice(-2000)}`);
  const s = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { s, mb: (Number(rss[1]) * 1024) / 1e6, cpu: Number(user[1]) + Number(sys[1]), stdout: r.stdout };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One way of running N: a start file (see bundle.ts) and extra environment. */
interface Variant {
  entry: string;
  env?: Record<string, string>;
}

/**
 * Measure N=`n` `runs` times in each variant, the variants taking turns (so that a slower
 * minute of the machine falls on all of them alike); a row for each.
 */
function measure(n: number, runs: number, variants: Variant[]): Row[] {
  const samples: Sample[][] = variants.map(() => []);
  for (let r = 0; r < runs; r++) {
    variants.forEach(({ entry, env = {} }, i) => {
      const { s, mb, cpu, stdout } = timed([entry, String(n)], env);
      const summary = JSON.parse(stdout) as { services: number; units: number };
      if (summary.services !== n || summary.units !== n) {
        throw new Error(`N=${n}: expected ${n} services and units, got ${stdout}`);
      }
      samples[i]!.push({ s, mb, cpu });
      const what = [
        ...(i > 0 && Object.keys(env).length === 0 ? [basename(entry, ".start.cjs")] : []),
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ];
      process.stderr.write(
        `  N=${n}${what.length > 0 ? ` (${what.join(" ")})` : ""} run ${r + 1}: ${s.toFixed(2)} s, ${cpu.toFixed(2)} s CPU, ${mb.toFixed(0)} MB\n`,
      );
    });
  }
  return samples.map((xs) => ({
    n,
    runs: xs,
    s: median(xs.map((x) => x.s)),
    mb: median(xs.map((x) => x.mb)),
    cpu: median(xs.map((x) => x.cpu)),
  }));
}

// ---------------------------------------------------------------------------
// Report

const fmtS = (s: number): string => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtMB = (mb: number): string => (mb < 1000 ? mb.toFixed(0) : mb.toFixed(0));

interface Target {
  what: string;
  ok: boolean | null;
  got: string;
}

function targets(rows: Row[]): Target[] {
  const at = (n: number): Row | undefined => rows.find((r) => r.n === n);
  const r1 = at(1000);
  const r10 = at(10000);
  const t = (what: string, row: Row | undefined, ok: (r: Row) => boolean, got: (r: Row) => string): Target => ({
    what,
    ok: row ? ok(row) : null,
    got: row ? got(row) : "not measured",
  });
  return [
    t("N=1000: wall time ≤ 0.43 s (a tenth of Nix's 4.25 s)", r1, (r) => r.s <= 0.43, (r) => `${fmtS(r.s)} s`),
    t("N=1000: peak memory < 200 MB", r1, (r) => r.mb < 200, (r) => `${fmtMB(r.mb)} MB`),
    t("N=10000: wall time < 4 s", r10, (r) => r.s < 4, (r) => `${fmtS(r.s)} s`),
    t("N=10000: peak memory < 1.5 GB", r10, (r) => r.mb < 1500, (r) => `${fmtMB(r.mb)} MB`),
    {
      what: "t(10000) / t(1000) ≤ 12",
      ok: r1 && r10 ? r10.s / r1.s <= 12 : null,
      got: r1 && r10 ? (r10.s / r1.s).toFixed(1) : "not measured",
    },
  ];
}

/** A log-log plot of time and memory against N, ours and Nix's, as SVG. */
function plot(rows: Row[], startup: Sample): string {
  const W = 980;
  const H = 440;
  const panelW = 400;
  const panelH = 300;
  const top = 60;
  const lefts = [70, 530];
  const ns = rows.map((r) => r.n);
  const xMin = Math.min(...ns, 10);
  const xMax = Math.max(...ns, 10000);
  const lx = (n: number, left: number): number =>
    left + ((Math.log10(n) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * panelW;
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">nixmod: N containers, whole process (start-up included), log-log</text>`,
  );
  const panel = (
    left: number,
    title: string,
    unit: string,
    ours: [number, number][],
    nix: [number, number][],
    targetPts: [number, number][],
    baseline: number,
  ): void => {
    const vals = [...ours, ...nix, ...targetPts].map(([, v]) => v).concat([baseline]);
    const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...vals))));
    const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...vals))));
    const ly = (v: number): number =>
      top + panelH - ((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * panelH;
    out.push(`<text x="${left + panelW / 2}" y="${top - 12}" text-anchor="middle" font-size="13">${esc(title)}</text>`);
    out.push(`<rect x="${left}" y="${top}" width="${panelW}" height="${panelH}" fill="none" stroke="#888"/>`);
    for (let e = Math.log10(yMin); e <= Math.log10(yMax) + 1e-9; e++) {
      const v = Math.pow(10, e);
      const y = ly(v);
      out.push(`<line x1="${left}" x2="${left + panelW}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
      out.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${v >= 1 ? String(v) : v.toPrecision(1)}</text>`);
    }
    for (let e = Math.log10(xMin); e <= Math.log10(xMax) + 1e-9; e++) {
      const x = lx(Math.pow(10, e), left);
      out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${top + panelH}" stroke="#ddd"/>`);
      out.push(`<text x="${x}" y="${top + panelH + 16}" text-anchor="middle">${Math.pow(10, e)}</text>`);
    }
    out.push(`<text x="${left + panelW / 2}" y="${top + panelH + 34}" text-anchor="middle">containers N</text>`);
    out.push(
      `<text transform="translate(${left - 50},${top + panelH / 2}) rotate(-90)" text-anchor="middle">${esc(unit)}</text>`,
    );
    const yb = ly(baseline);
    out.push(
      `<line x1="${left}" x2="${left + panelW}" y1="${yb}" y2="${yb}" stroke="#999" stroke-dasharray="2,3"/>`,
      `<text x="${left + 4}" y="${yb - 4}" fill="#777">empty node process</text>`,
    );
    const series = (pts: [number, number][], color: string, dash: string, marker: "circle" | "square"): void => {
      if (pts.length === 0) return;
      const d = pts.map(([n, v], i) => `${i ? "L" : "M"}${lx(n, left).toFixed(1)},${ly(v).toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="${dash}"/>`);
      for (const [n, v] of pts) {
        const x = lx(n, left);
        const y = ly(v);
        out.push(
          marker === "circle"
            ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="${color}"/>`
            : `<rect x="${(x - 4).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="8" height="8" fill="${color}"/>`,
        );
      }
    };
    series(nix, "#c0392b", "6,4", "square");
    series(ours, "#1f5fbf", "", "circle");
    for (const [n, v] of targetPts) {
      const x = lx(n, left);
      const y = ly(v);
      out.push(`<path d="M${x - 6},${y} L${x + 6},${y} M${x},${y - 6} L${x},${y + 6}" stroke="#2e8b57" stroke-width="2"/>`);
    }
  };
  const nixNs = Object.keys(NIX).map(Number);
  panel(
    lefts[0]!,
    "wall time (s)",
    "seconds",
    rows.map((r) => [r.n, r.s]),
    nixNs.map((n) => [n, NIX[n]!.s]),
    [
      [1000, 0.43],
      [10000, 4],
    ],
    startup.s,
  );
  panel(
    lefts[1]!,
    "peak memory (MB, max RSS)",
    "MB",
    rows.map((r) => [r.n, r.mb]),
    nixNs.map((n) => [n, NIX[n]!.mb]),
    [
      [1000, 200],
      [10000, 1500],
    ],
    startup.mb,
  );
  const ly0 = H - 10;
  out.push(
    `<circle cx="150" cy="${ly0 - 4}" r="4" fill="#1f5fbf"/><text x="160" y="${ly0}">nixmod (median of runs)</text>`,
    `<rect x="346" y="${ly0 - 8}" width="8" height="8" fill="#c0392b"/><text x="360" y="${ly0}">real Nix 2.8 (reference)</text>`,
    `<path d="M546,${ly0 - 4} L558,${ly0 - 4} M552,${ly0 - 10} L552,${ly0 + 2}" stroke="#2e8b57" stroke-width="2"/><text x="566" y="${ly0}">targets</text>`,
  );
  out.push("</svg>");
  return out.join("\n") + "\n";
}

const loadAtStart = os.loadavg();

/** The commit measured: `git rev-parse` in the project, or $NIXMOD_COMMIT (a copy without .git). */
function commit(): string {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no", "src"], { cwd: root, encoding: "utf8" });
  if (r.status === 0) return r.stdout.trim() + (dirty.stdout.trim() !== "" ? " with uncommitted changes in src/" : "");
  return process.env.NIXMOD_COMMIT ?? "unknown";
}

function machine(): string {
  const cpus = os.cpus();
  const osName = (() => {
    try {
      return /PRETTY_NAME="([^"]*)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? os.type();
    } catch {
      return os.type();
    }
  })();
  return [
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} logical CPUs`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- OS: ${osName}, kernel ${os.release()} (${os.arch()})`,
    `- Node.js ${process.version}, flags: ${nodeFlags().join(" ") || "(none)"} (the nixmod command's, bin/node-flags.mjs)`,
    `- nixmod commit: ${commit()}`,
    `- load average when the benchmark started: ${loadAtStart.map((l) => l.toFixed(1)).join(", ")} (1, 5, 15 min;` +
      ` other work on the machine inflates wall times — the CPU column is less affected)`,
  ].join("\n");
}

/**
 * What the report says after the targets: what a user can do about speed, and where the log
 * of the tuning passes is (bench/notes.md, a working log, not a page of the docs).
 */
const AFTER_TARGETS = [
  "## What makes an evaluation fast",
  "",
  "- The `nixmod` command runs Node with the flags of `bin/node-flags.mjs` (no inlining in V8's",
  "  optimizing compiler, one background thread fewer than the cores, a larger heap) and loads",
  "  its bundle with V8's code cache; a program using the library can start Node with the same",
  "  flags ([architecture](architecture.md#the-command)).",
  "- A submodule's module runs once per instance: what does not depend on the instance",
  "  (option declarations, types, constant lists) belongs outside the module function, made once;",
  "  the engine shares what it learns from declarations between instances only when they are the",
  "  same objects ([laziness](laziness.md)).",
  "",
  "How these figures came about, pass by pass, with what each change measured: the benchmark's",
  "working log, [bench/notes.md](../bench/notes.md).",
];

function report(
  rows: Row[],
  startup: Sample,
  uncached: Row | undefined,
  floor: Row | undefined,
  runs: number,
): string {
  const lines: string[] = [];
  lines.push(
    "# Performance",
    "",
    "Generated by `npm run bench` (bench/bench.ts).",
    "",
    "Workload (issue 6): a host with N containers `c<i>` (i = 0 … N−1) on the podman backend — image",
    "`registry.example.com/app<i>:1.<i mod 7>`, ports `<10000+i>:80`, environment `INDEX`/`ROLE`, a volume,",
    "`cmd = [\"--verbose\"]` when i mod 3 = 0, `dependsOn = [\"c<i−1>\"]` when i mod 5 = 4, a registry login when",
    "i mod 11 = 0 — and a second module appending `/etc/hooks/h<i>` to the `ExecStartPre` of `podman-c<i>` when",
    "i mod 10 = 0. Each N runs in a fresh process that evaluates the host, forces all of `config.systemd.services`",
    "(as the conformance harness prints it) and the `text` of every `config.systemd.units.<name>`.",
    "",
    "The process runs an esbuild bundle of bench/run.ts (`bench/.build/run.cjs`, built by the benchmark), loaded",
    "as the nixmod command loads its own bundle: with V8's code cache (bin/compile-cache.cjs), which an unmeasured",
    "N=10 run makes first, as a user's first run makes it (the next to last row: N=1000 without it, its runs taking",
    "turns with those of the N=1000 row). So the times include Node start-up and module loading but no TypeScript",
    "compilation. The last row is the floor: bench/floor.ts computes the same services and unit texts for N=1000",
    "directly, with the library's helpers (store paths, job scripts, unit text) and no module system (its output",
    "is the engine's byte for byte: test/bench/floor.test.ts), in a process started the same way, its runs taking",
    "turns with the N=1000 row's. Wall time and peak memory",
    "(maximum resident set size) are as `/usr/bin/time -v` reports them for the whole process; MB = 10⁶ bytes.",
    `Each figure is the median of ${runs} run${runs === 1 ? "" : "s"}.`,
    "",
    "## Machine",
    "",
    machine(),
    "",
    "## Results",
    "",
    "| N | wall time (s) | CPU user+sys (s) | peak memory (MB) | Nix 2.8 time (s) | Nix 2.8 memory (MB) | time vs Nix | memory vs Nix | runs, wall (s) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  );
  lines.push(
    `| empty \`node -e 0\` | ${fmtS(startup.s)} | ${fmtS(startup.cpu)} | ${fmtMB(startup.mb)} | | | | | |`,
  );
  for (const r of rows) {
    const nix = NIX[r.n];
    lines.push(
      `| ${r.n} | ${fmtS(r.s)} | ${fmtS(r.cpu)} | ${fmtMB(r.mb)} | ${nix ? fmtS(nix.s) : ""} | ${nix ? fmtMB(nix.mb) : ""} | ${
        nix ? `${(r.s / nix.s).toFixed(2)}×` : ""
      } | ${nix ? `${(r.mb / nix.mb).toFixed(2)}×` : ""} | ${r.runs.map((x) => fmtS(x.s)).join(", ")} |`,
    );
  }
  if (uncached) {
    lines.push(
      `| 1000, no code cache (a first run) | ${fmtS(uncached.s)} | ${fmtS(uncached.cpu)} | ${fmtMB(uncached.mb)} | | | | | ${uncached.runs
        .map((x) => fmtS(x.s))
        .join(", ")} |`,
    );
  }
  if (floor) {
    lines.push(
      `| 1000, the floor: the same output without the module system (bench/floor.ts) | ${fmtS(floor.s)} | ${fmtS(floor.cpu)} | ${fmtMB(floor.mb)} | | | | | ${floor.runs
        .map((x) => fmtS(x.s))
        .join(", ")} |`,
    );
  }
  const growth: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    growth.push(`t(${b.n})/t(${a.n}) = ${(b.s / a.s).toFixed(1)} for ${(b.n / a.n).toFixed(0)}× the containers`);
  }
  lines.push("", "Growth: " + growth.join("; ") + ".", "", "![time and memory against N](performance.svg)", "", "## Targets", "");
  lines.push("| target | measured | met |", "|---|---:|:---:|");
  for (const t of targets(rows)) lines.push(`| ${t.what} | ${t.got} | ${t.ok === null ? "–" : t.ok ? "yes" : "**no**"} |`);
  lines.push("", ...AFTER_TARGETS, "");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10,100,1000,3000,10000" },
      runs: { type: "string", default: "5" },
      "no-write": { type: "boolean", default: false },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const runs = Number(values.runs);
  ensureTime();
  const entry = await bundle("run");
  process.stderr.write(`bundled ${entry}\n`);
  // A code cache of the benchmark's own, as a first run leaves it (the command's is the
  // user's, under ~/.cache): made by an N=10 run that is not measured.
  rmSync(CACHE_DIR, { recursive: true, force: true });
  timed([entry, "10"]);
  const startups = Array.from({ length: runs }, () => timed(["-e", "0"]));
  const startup = {
    s: median(startups.map((x) => x.s)),
    mb: median(startups.map((x) => x.mb)),
    cpu: median(startups.map((x) => x.cpu)),
  };
  // N=1000 also without the code cache (what a first run pays) and the floor (the same output
  // without the module system, bench/floor.ts), their runs taking turns with those with the cache.
  const floorEntry = await bundle("run-floor");
  timed([floorEntry, "10"]);
  let uncached: Row | undefined;
  let floor: Row | undefined;
  const rows = sizes.map((n) => {
    if (n !== 1000) return measure(n, runs, [{ entry }])[0]!;
    const [cached, first, direct] = measure(n, runs, [
      { entry },
      { entry, env: { NIXMOD_DISABLE_COMPILE_CACHE: "1" } },
      { entry: floorEntry },
    ]);
    uncached = first;
    floor = direct;
    return cached!;
  });
  for (const r of rows) process.stdout.write(`N=${r.n}\t${fmtS(r.s)} s\t${fmtS(r.cpu)} s CPU\t${fmtMB(r.mb)} MB\n`);
  if (uncached) process.stdout.write(`N=1000, no code cache\t${fmtS(uncached.s)} s\t${fmtS(uncached.cpu)} s CPU\t${fmtMB(uncached.mb)} MB\n`);
  if (floor) process.stdout.write(`N=1000, floor (no module system)\t${fmtS(floor.s)} s\t${fmtS(floor.cpu)} s CPU\t${fmtMB(floor.mb)} MB\n`);
  for (const t of targets(rows)) process.stdout.write(`${t.ok === null ? "-" : t.ok ? "ok  " : "FAIL"} ${t.what}: ${t.got}\n`);
  if (values["no-write"]) return;
  mkdirSync(join(root, "docs"), { recursive: true });
  writeFileSync(join(root, "docs/performance.md"), report(rows, startup, uncached, floor, runs));
  writeFileSync(join(root, "docs/performance.svg"), plot(rows, startup));
  process.stdout.write("wrote docs/performance.md and docs/performance.svg\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
