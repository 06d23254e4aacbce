/**
 * `npm run bench`: nixmod beside real Nix, in the same run, on the same hosts (bench/hosts.ts),
 * each a whole process (bench/measure.ts), their runs taking turns; the same host as JSON and
 * as TypeScript; start-up and first runs; the engine alone. Writes docs/performance.md and
 * docs/performance.svg (bench/report.ts). Nix is measured when `nix-instantiate` is installed
 * and ../shared/reference/nix-eval.sh is found (NIXMOD_NIX_EVAL names it elsewhere).
 *
 *   npm run bench -- [--sizes 1,10,100,1000,3000,10000] [--ts-sizes 1,10,100] [--runs 5]
 *                    [--nix-up-to 3000] [--no-engine] [--no-write]
 *
 * `--runs` is the number of runs at the largest sizes; smaller ones run more often (they are
 * quicker, and noisier): see runsFor.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleIsCurrent } from "../bin/cli-entry.cjs";
import { nodeFlags } from "../bin/node-flags.cjs";
import { bundle } from "./bundle.js";
import { REVISION, writeHostFiles, type HostFiles } from "./hosts.js";
import { ensureTime, interleaved, loads, measureOverhead, type Command } from "./measure.js";
import {
  markdown,
  plot,
  targets,
  type HostRow,
  type ReferenceRow,
  type Results,
  type SizeRow,
} from "./report.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BUILD = join(root, "bench/.build");
/** The measured processes' cache (compiled code, compiled module files): the benchmark's own. */
const CACHE_DIR = join(BUILD, "compile-cache");
/** The package as npm installs it (see install): the command measured is its bin/nixmod.js. */
const INSTALLED = join(BUILD, "install", "node_modules", "nixmod");
const NIXMOD = join(INSTALLED, "bin", "nixmod.js");
const NIXMOD_ENV = { NIXMOD_COMPILE_CACHE: CACHE_DIR, NIXMOD_FROM_SOURCE: "" };

/**
 * Install the package as npm does, under bench/.build/install/node_modules/nixmod: its files
 * (package.json and those it lists: the bundle, bin/, ...) copied, its dependencies the
 * project's own (a link). So the command measured is the one a user runs: an installed package
 * (which uses its bundle without looking for newer sources, as a checkout does).
 */
function install(): void {
  rmSync(dirname(dirname(INSTALLED)), { recursive: true, force: true });
  mkdirSync(INSTALLED, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[] };
  for (const f of ["package.json", ...pkg.files]) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(INSTALLED, f), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(INSTALLED, "node_modules"));
}

/** How many runs a size gets, `base` at the largest. */
const runsFor = (n: number, base: number): number =>
  n <= 10 ? 4 * base + 1 : n <= 100 ? 2 * base + 1 : n <= 1000 ? base + 2 : base;

/** ../shared/reference/nix-eval.sh, looked for above the project (a worktree may be deeper), or NIXMOD_NIX_EVAL. */
function findNixEval(): string | undefined {
  if (process.env.NIXMOD_NIX_EVAL) return process.env.NIXMOD_NIX_EVAL;
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const f = join(dir, "shared", "reference", "nix-eval.sh");
    if (existsSync(f)) return f;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Nix's version (`Nix 2.8.0`), or undefined when nix-instantiate is not there. */
function nixVersion(): string | undefined {
  const r = spawnSync("nix-instantiate", ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  return /\(Nix\) (\S+)/.exec(r.stdout)?.[1]?.replace(/^/, "Nix ");
}

/** The JSON printed by a command, in one canonical form (nixmod indents it, Nix does not). */
const canonical = (stdout: string): string => JSON.stringify(JSON.parse(stdout));

function commit(): string {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no", "src", "bin"], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status === 0)
    return r.stdout.trim() + (dirty.stdout.trim() !== "" ? " with uncommitted changes in src/ or bin/" : "");
  return process.env.NIXMOD_COMMIT ?? "unknown";
}

function machine(nix: string | undefined): string[] {
  const cpus = os.cpus();
  let osName = os.type();
  try {
    osName = /PRETTY_NAME="([^"]*)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? osName;
  } catch {
    // (no os-release: the kernel's name)
  }
  return [
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} logical CPUs`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- OS: ${osName}, kernel ${os.release()} (${os.arch()})`,
    `- Node.js ${process.version}; the command sets \`--no-turbo-inlining\` in its own process (bin/node-flags.cjs)`,
    `- ${nix ?? "Nix: not installed"}${nix ? ", Debian's nix-bin" : ""}`,
    `- nixmod commit: ${commit()}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1,10,100,1000,3000,10000" },
      "ts-sizes": { type: "string", default: "1,10,100" },
      runs: { type: "string", default: "5" },
      "nix-up-to": { type: "string", default: "3000" },
      "no-engine": { type: "boolean", default: false },
      "no-write": { type: "boolean", default: false },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const tsSizes = values["ts-sizes"].split(",").filter(Boolean).map(Number);
  const base = Number(values.runs);
  const nixUpTo = Number(values["nix-up-to"]);
  const loadStart = os.loadavg();
  ensureTime();
  if (!bundleIsCurrent(root, {})) {
    process.stderr.write("bench: the command's bundle is older than src/: npm run build\n");
    const b = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (b.status !== 0) throw new Error("npm run build failed");
  }
  install();
  rmSync(CACHE_DIR, { recursive: true, force: true });
  mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
  const hostDir = join(BUILD, "hosts");
  const files = new Map<number, HostFiles>();
  for (const n of new Set([...sizes, ...tsSizes, 10])) files.set(n, writeHostFiles(hostDir, n));

  const nixEval = findNixEval();
  const nixV = nixVersion();
  const noNix =
    nixV === undefined
      ? "nix-instantiate is not installed"
      : nixEval === undefined
        ? "../shared/reference/nix-eval.sh was not found"
        : undefined;
  const overhead = measureOverhead();
  process.stderr.write(`bench: ${nixV ?? "no Nix"}, process overhead ${(overhead * 1000).toFixed(1)} ms\n`);

  const nixmod = (label: string, args: string[], env: Record<string, string> = {}): Command => ({
    label,
    argv: [process.execPath, NIXMOD, ...args],
    env: { ...NIXMOD_ENV, ...env },
  });

  // Start-up: empty processes of both, the command's help, and first runs (no caches).
  process.stderr.write("start-up\n");
  const caCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const startupCommands: Command[] = [
    { label: "`node -e 0`", argv: [process.execPath, "-e", "0"] },
    ...(caCerts
      ? [
          {
            label: "`node -e 0` without `NODE_EXTRA_CA_CERTS`",
            argv: [process.execPath, "-e", "0"],
            unset: ["NODE_EXTRA_CA_CERTS"],
          },
        ]
      : []),
    nixmod("`nixmod --help`", ["--help"]),
  ];
  if (nixV !== undefined) {
    startupCommands.splice(1, 0, {
      label: "`nix-instantiate --eval -E 1` (Nix's start)",
      argv: ["nix-instantiate", "--eval", "-E", "1"],
      env: { NIX_STATE_DIR: join(os.tmpdir(), "nixmod-nix-state") },
    });
  }
  const startupSeries = interleaved(startupCommands, runsFor(1, base));
  const ten = files.get(10)!;
  const noCache = { NIXMOD_DISABLE_COMPILE_CACHE: "1" };
  const firstRunCommands = [
    nixmod("`nixmod eval host-10.json`, a first run (no code cache)", ["eval", ten.json], noCache),
    nixmod(
      "`nixmod eval host-10.ts`, a first run (no code cache; esbuild compiles the two files)",
      ["eval", ten.ts],
      noCache,
    ),
  ];
  const firstRuns = interleaved(firstRunCommands, runsFor(10, base));
  const startup: ReferenceRow[] = [
    ...startupCommands.map((c, i) => ({ what: c.label, series: startupSeries[i]! })),
    ...firstRunCommands.map((c, i) => ({ what: c.label, series: firstRuns[i]! })),
  ];

  // nixmod beside Nix.
  const rows = sizes.map((n) => besideNix(n));
  // The smallest again without the environment's certificate bundle, which Node parses at start.
  const withoutCaCerts = caCerts
    ? sizes.filter((n) => n <= 10).map((n) => besideNix(n, ["NODE_EXTRA_CA_CERTS"]))
    : [];

  function besideNix(n: number, unset: string[] = []): SizeRow {
    process.stderr.write(`N=${n}${unset.length > 0 ? ` without ${unset.join(", ")}` : ""}\n`);
    const f = files.get(n)!;
    let nixOut: string | undefined;
    const withNix = noNix === undefined && n <= nixUpTo;
    const commands: Command[] = [];
    if (withNix) {
      commands.push({
        label: "Nix",
        argv: [nixEval!, f.scenario],
        check: (out) => {
          nixOut = canonical(out);
        },
      });
    }
    commands.push({
      ...nixmod("nixmod", ["eval", "--case", f.scenario]),
      check: (out) => {
        if (nixOut !== undefined && canonical(out) !== nixOut) {
          throw new Error(`N=${n}: nixmod's output differs from Nix's: not the same workload`);
        }
      },
    });
    const measured = interleaved(
      commands.map((c) => ({ ...c, unset })),
      runsFor(n, base),
    );
    return withNix ? { n, nix: measured[0]!, nixmod: measured[1]! } : { n, nixmod: measured[0]! };
  }

  // The same host as JSON and as TypeScript.
  const hosts: HostRow[] = [];
  for (const n of tsSizes) {
    process.stderr.write(`host-${n}.json and host-${n}.ts\n`);
    const f = files.get(n)!;
    let jsonOut = "";
    const [json, ts] = interleaved(
      [
        { ...nixmod("JSON", ["eval", f.json]), check: (out) => void (jsonOut = out) },
        {
          ...nixmod("TypeScript", ["eval", f.ts]),
          check: (out) => {
            if (out !== jsonOut)
              throw new Error(`N=${n}: the TypeScript host's output differs from the JSON host's`);
          },
        },
      ],
      runsFor(n, base),
    );
    hosts.push({ n, json: json!, ts: ts! });
  }

  // The engine alone, revision 2023-07 (the seed): bench/run.ts and its floor.
  const engine: ReferenceRow[] = [];
  if (!values["no-engine"]) {
    process.stderr.write("the engine alone, N=1000\n");
    const run = await bundle("run");
    const floor = await bundle("run-floor");
    const node = (label: string, entry: string): Command => ({
      label,
      argv: [process.execPath, ...nodeFlags(), entry, "1000"],
      env: { NIXMOD_COMPILE_CACHE: CACHE_DIR },
    });
    const [e, fl] = interleaved([node("engine", run), node("floor", floor)], runsFor(1000, base));
    engine.push(
      { what: "1000 containers, the engine (bench/run.ts)", series: e! },
      {
        what: "1000 containers, the floor: the same output without the module system (bench/floor.ts)",
        series: fl!,
      },
    );
  }

  const results: Results = {
    sizes: rows,
    withoutCaCerts,
    hosts,
    startup,
    engine,
    ...(noNix !== undefined ? { noNix } : {}),
    ...(nixV !== undefined ? { nixVersion: nixV } : {}),
  };
  const loadEnd = os.loadavg();
  for (const r of rows) {
    process.stdout.write(
      `N=${r.n}\tnixmod ${r.nixmod.s.toFixed(3)} s ${r.nixmod.mb.toFixed(0)} MB` +
        (r.nix
          ? `\tNix ${r.nix.s.toFixed(3)} s ${r.nix.mb.toFixed(0)} MB\tratio ${(r.nixmod.s / r.nix.s).toFixed(2)}`
          : "") +
        "\n",
    );
  }
  for (const h of hosts) {
    process.stdout.write(
      `host-${h.n}: JSON ${h.json.s.toFixed(3)} s, TypeScript ${h.ts.s.toFixed(3)} s, ratio ${(h.ts.s / h.json.s).toFixed(2)}\n`,
    );
  }
  for (const t of targets(results))
    process.stdout.write(`${t.ok === null ? "-   " : t.ok ? "ok  " : "FAIL"} ${t.what}: ${t.got}\n`);
  if (values["no-write"]) return;
  const context = {
    machine: machine(nixV),
    loadStart,
    loadDuring: loads,
    loadEnd,
    overheadMs: overhead * 1000,
    revision: REVISION,
  };
  writeFileSync(join(root, "docs/performance.md"), markdown(results, context));
  writeFileSync(join(root, "docs/performance.svg"), plot(results, startupSeries[0]));
  process.stdout.write("wrote docs/performance.md and docs/performance.svg\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
