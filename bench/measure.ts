/**
 * Timing whole processes: each run under GNU time (`/usr/bin/time`, for the peak memory and CPU
 * time the kernel counts for the process and its children), its wall time taken around it with
 * the high-resolution clock (GNU time's own is in hundredths), less what starting a process
 * through GNU time costs (measured: `overhead`). Commands measured together take turns, the
 * order flipped every round, so that a slower minute of the machine falls on all of them alike.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as os from "node:os";

export const TIME = "/usr/bin/time";

export interface Sample {
  /** wall seconds */
  s: number;
  /** peak resident set size, MB (10^6 bytes) */
  mb: number;
  /** user + system CPU seconds */
  cpu: number;
}

export interface Series {
  runs: Sample[];
  /** medians */
  s: number;
  mb: number;
  cpu: number;
}

/** A command to time: what runs, its environment, and a check of its output. */
export interface Command {
  label: string;
  argv: string[];
  env?: Record<string, string>;
  /** Variables of this process's environment the command runs without. */
  unset?: readonly string[];
  /** Throws if the output is not what the command must print. */
  check?: (stdout: string) => void;
}

/** `/usr/bin/time` is Debian's `time` package: install it, or say how. */
export function ensureTime(): void {
  if (existsSync(TIME)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const cmd = isRoot
    ? ["apt-get", "install", "-y", "time"]
    : ["sudo", "-n", "apt-get", "install", "-y", "time"];
  process.stderr.write(`${TIME} is missing; trying: ${cmd.join(" ")}\n`);
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: "inherit" });
  if (r.status === 0 && existsSync(TIME)) return;
  process.stderr.write(
    `bench: ${TIME} (GNU time, which reports peak memory) is not installed and could not be installed.\n` +
      `Install it with \`apt-get install time\` (Debian/Ubuntu) or your system's GNU time package, then rerun.\n`,
  );
  process.exit(1);
}

/** Seconds that starting a process through GNU time adds to a measured wall time. */
let overhead = 0;

/** Run `c` once: its sample and its output. */
export function timed(c: Command): Sample & { stdout: string } {
  const env: Record<string, string | undefined> = { ...process.env, ...c.env };
  for (const v of c.unset ?? []) delete env[v];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-f", "%M %U %S", "--", ...c.argv], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    throw new Error(
      `${c.label} (${c.argv.join(" ")}) failed (status ${String(r.status)}):\n${r.stderr.slice(-4000)}`,
    );
  }
  const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`cannot read ${TIME}'s report:\n${r.stderr.slice(-2000)}`);
  return {
    s: Math.max(0, wall - overhead),
    mb: (Number(m[1]) * 1024) / 1e6,
    cpu: Number(m[2]) + Number(m[3]),
    stdout: r.stdout,
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const series = (runs: Sample[]): Series => ({
  runs,
  s: median(runs.map((x) => x.s)),
  mb: median(runs.map((x) => x.mb)),
  cpu: median(runs.map((x) => x.cpu)),
});

/** Measure what starting `/bin/true` through GNU time takes (median of 21), subtracted from then on. */
export function measureOverhead(): number {
  overhead = 0;
  const runs = Array.from({ length: 21 }, () => timed({ label: "true", argv: ["/bin/true"] }).s);
  overhead = median(runs);
  return overhead;
}

/** The machine's one-minute load average at each round (see interleaved). */
export const loads: number[] = [];

/**
 * Time `commands` `runs` times each, taking turns (the order flipped every round), after one
 * unmeasured run of each (which also checks its output, and fills the caches a user's first
 * run fills). Progress goes to stderr.
 */
export function interleaved(commands: Command[], runs: number): Series[] {
  for (const c of commands) {
    const first = timed(c);
    c.check?.(first.stdout);
  }
  const samples: Sample[][] = commands.map(() => []);
  for (let r = 0; r < runs; r++) {
    loads.push(os.loadavg()[0]!);
    const order = commands.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const { s, mb, cpu } = timed(commands[i]!);
      samples[i]!.push({ s, mb, cpu });
    }
    process.stderr.write(
      `  round ${r + 1}/${runs}: ${commands.map((c, i) => `${c.label} ${samples[i]![r]!.s.toFixed(3)} s`).join(", ")}\n`,
    );
  }
  return samples.map(series);
}
