/**
 * The checks a NixOS build runs on what it builds, run with the real tools on the written tree:
 *
 * - every writeShellApplication script: `bash -n -O extglob` (stdenv.shellDryRun) then
 *   `shellcheck [--exclude <excludeShellChecks>] [extraShellCheckFlags] <file>`, as nixpkgs'
 *   trivial builders do (no other flags: shellcheck's defaults, every severity counts);
 * - every writeShellScriptBin script (the job scripts of units): `bash -n -O extglob`;
 * - every enabled unit file: `systemd-analyze verify` (not something NixOS runs; see below).
 *
 * systemd-analyze verify runs offline against the tree itself (`--root=<tree>`,
 * `--recursive-errors=no`, `--generators=no`, `--man=no`, log level info). What it CAN check:
 * the syntax of every unit file (unknown sections and keys, values it cannot parse such as
 * `Restart=sometimes` or `Type=bogus`), and that each command it would run exists and is
 * executable where the command is a file this build wrote (a job script at a wrong path is
 * caught). What it CANNOT know, and so is never a failure: units the tree does not have
 * (NixOS's systemd package provides sysinit.target, network-online.target, docker.service, ...:
 * with `--recursive-errors=no` missing dependencies are not errors), and commands outside the
 * files this build wrote (`/nix/store/...-podman-4.6.1/bin/podman`, `/bin/sh`): "Command ... is
 * not executable: No such file or directory" for those is ignored. It is systemd 252 here, not
 * NixOS's 253.6, so a setting new in 253 would be reported as unknown. When systemd-analyze is
 * missing, or cannot start its manager at all (some sandboxes), units are not verified and the
 * build says so on stderr without failing.
 */
import type * as ChildProcess from "node:child_process";
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { showOption } from "../lib/options.js";
import { UNIT_DIR, type Plan, type PlannedScript, type PlannedUnit } from "./tree.js";

/** The external programs the checks use (absolute paths; null when not found). */
export interface Tools {
  shellcheck: string | null;
  bash: string | null;
  systemdAnalyze: string | null;
}

/** Find `name` on `PATH` (an executable file), like `command -v`. */
export function findExecutable(name: string, path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

export function findTools(path = process.env.PATH ?? ""): Tools {
  return {
    shellcheck: findExecutable("shellcheck", path),
    bash: findExecutable("bash", path),
    systemdAnalyze: findExecutable("systemd-analyze", path),
  };
}

/** How to install shellcheck, for the message when it is missing. */
export const SHELLCHECK_MISSING =
  "shellcheck is not installed (not found on PATH). nixmod build checks every writeShellApplication " +
  "script with the real shellcheck, as nixpkgs does. Install it with your package manager, e.g. on " +
  "Debian or Ubuntu: `sudo apt-get install shellcheck` (other systems: https://github.com/koalaman/shellcheck#installing).";

export type CheckKind = "shellcheck" | "bash -n" | "systemd-analyze verify";

/** A failed check: what was checked, where it comes from, and the tool's report. */
export interface CheckFailure {
  check: CheckKind;
  /** Absolute path on the target machine (`/nix/store/...` or `/etc/systemd/system/...`). */
  path: string;
  /** The option the file comes from. */
  option: string;
  /** For a script: its builder and name; for a unit: its name. */
  what: string;
  /** Store files naming the script, when it comes through another script. */
  via: string[];
  report: string;
  /** What is known of this failure, for the user (a revision's known failure, say). */
  note?: string;
}

export interface CheckSummary {
  shellchecked: number;
  dryRun: number;
  unitsVerified: number;
  /** Why units were not verified (null when they were). */
  verifySkipped: string | null;
  /** Units systemd-analyze could not verify while it verified the others, and why. */
  notVerified: NotVerified[];
  failures: CheckFailure[];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Node's child_process, loaded when a check first runs a program: loading it (and the stream
 * and network modules it needs) takes about 4 ms, which every other command would pay too.
 */
let childProcess: typeof ChildProcess | undefined;
const childProcesses = (): typeof ChildProcess =>
  (childProcess ??= createRequire(import.meta.url)("node:child_process") as typeof ChildProcess);

function run(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    childProcesses().execFile(
      cmd,
      args,
      { cwd, env: env ?? process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 127) : 0;
        resolve({
          code,
          stdout,
          stderr: stderr || (error && typeof error.code !== "number" ? error.message : ""),
        });
      },
    );
  });
}

/** Map `f` over `xs` with at most `n` running at once, results in order. */
async function pool<T, U>(xs: readonly T[], n: number, f: (x: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(xs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await f(xs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, worker));
  return out;
}

/** Progress of a check on a large host: a line each time another quarter is done (from 100 items). */
function counter(label: string, done: number, total: number, what: string, o: CheckOptions): void {
  if (total < 100) return;
  const quarter = (n: number): number => Math.floor((4 * n) / total);
  const state = (o.reported ??= new Map<string, number>());
  if (quarter(done) > (state.get(label) ?? 0)) {
    state.set(label, quarter(done));
    o.progress?.(`${label}: ${done}/${total} ${what}`);
  }
}

/** Tool output mentions files by their path relative to the tree; show them as on the machine. */
const absolutize = (text: string, rel: string): string =>
  text.replace(new RegExp(`(?<!/)${rel.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "g"), `/${rel}`);

const scriptFailure = (check: CheckKind, s: PlannedScript, report: string): CheckFailure => ({
  check,
  path: s.path,
  option: s.origin.option,
  what: `${s.script.kind} "${s.script.name}"`,
  via: s.origin.via,
  report: absolutize(report, s.file).trimEnd(),
});

export interface CheckOptions {
  tools: Tools;
  /** Called with progress lines. */
  progress?: (line: string) => void;
  jobs?: number;
  /** Progress already reported, by check (internal). */
  reported?: Map<string, number>;
}

/** `bash -n -O extglob` on every script that has the check. */
async function dryRuns(
  root: string,
  scripts: readonly PlannedScript[],
  o: CheckOptions,
): Promise<CheckFailure[]> {
  const bash = o.tools.bash;
  if (bash === null)
    throw new Error("bash is not installed (not found on PATH); nixmod build needs it for `bash -n`");
  const jobs = o.jobs ?? availableParallelism();
  // One `bash -n -O extglob FILE` per script, started from a bash loop per batch (starting
  // processes from bash is much cheaper than from node); the loop prints each failing file
  // and its report, NUL-separated.
  const batches: PlannedScript[][] = [];
  for (let i = 0; i < scripts.length; i += 50) batches.push(scripts.slice(i, i + 50));
  const byFile = new Map(scripts.map((s) => [s.file, s]));
  let done = 0;
  const results = await pool(batches, jobs, async (batch) => {
    const r = await run(bash, ["-c", DRY_RUN_LOOP, "bash", ...batch.map((s) => s.file)], root);
    if (r.code !== 0) throw new Error(`bash -n could not run: ${r.stderr.trim()}`);
    const parts = r.stdout.split("\0");
    const found: CheckFailure[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      found.push(scriptFailure("bash -n", byFile.get(parts[i]!)!, parts[i + 1]!));
    }
    done += batch.length;
    counter("bash -n", done, scripts.length, "scripts", o);
    return found;
  });
  return results.flat();
}

/** `bash -n -O extglob` on each argument; prints `file\0report\0` for each that fails. */
const DRY_RUN_LOOP =
  'for f in "$@"; do if ! out=$("$BASH" -n -O extglob "$f" 2>&1); then printf \'%s\\0%s\\0\' "$f" "$out"; fi; done';

/** shellcheck on the scripts that have the check: in batches of the same flags, one by one for a report. */
async function shellchecks(
  root: string,
  scripts: readonly PlannedScript[],
  o: CheckOptions,
): Promise<CheckFailure[]> {
  const shellcheck = o.tools.shellcheck;
  if (scripts.length === 0) return [];
  if (shellcheck === null) throw new Error(SHELLCHECK_MISSING);
  const jobs = o.jobs ?? availableParallelism();
  const groups = new Map<string, PlannedScript[]>();
  for (const s of scripts) {
    const key = JSON.stringify(s.checks.shellcheck);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const batches: { flags: string[]; scripts: PlannedScript[] }[] = [];
  for (const [key, ss] of groups) {
    for (let i = 0; i < ss.length; i += 64)
      batches.push({ flags: JSON.parse(key) as string[], scripts: ss.slice(i, i + 64) });
  }
  let done = 0;
  const failures = await pool(batches, jobs, async ({ flags, scripts: batch }) => {
    const r = await run(shellcheck, [...flags, ...batch.map((s) => s.file)], root);
    const found: CheckFailure[] = [];
    if (r.code !== 0) {
      // One by one, for each script's own report (and exit status).
      for (const s of batch) {
        const one = await run(shellcheck, [...flags, s.file], root);
        if (one.code !== 0) found.push(scriptFailure("shellcheck", s, one.stdout + one.stderr));
      }
    }
    done += batch.length;
    counter("shellcheck", done, scripts.length, "scripts", o);
    return found;
  });
  return failures.flat();
}

/**
 * The unit a line of systemd-analyze's output names: the unit of that name, or for
 * `NAME@i.TYPE` the template `NAME@.TYPE` (systemd verifies a template as that instance).
 */
function unitNamed(name: string, units: ReadonlyMap<string, PlannedUnit>): PlannedUnit | null {
  const unit = units.get(name);
  if (unit !== undefined) return unit;
  const m = /^(.*@)i(\.[a-z]+)$/.exec(name);
  return m === null ? null : (units.get(m[1]! + m[2]!) ?? null);
}

/** A line of systemd-analyze output: about which unit, and is it something we cannot know? */
function classifyVerifyLine(
  line: string,
  root: string,
  units: ReadonlyMap<string, PlannedUnit>,
  built: readonly string[],
): { unit: PlannedUnit | null; text: string; ignorable: boolean } {
  const prefix = `${root}/etc/systemd/system/`;
  let unit: PlannedUnit | null = null;
  let text = line;
  if (line.startsWith(prefix)) {
    const name = line.slice(prefix.length).split(":")[0]!;
    unit = unitNamed(name, units);
    text = "/etc/systemd/system/" + line.slice(prefix.length);
  } else {
    // `NAME: ...`, or `Unit NAME has a bad unit file setting.` and the like.
    const m = /^([^\s:]+): /.exec(line) ?? /^Unit (\S+) /.exec(line);
    if (m) unit = unitNamed(m[1]!, units);
  }
  const cmd = / Command (\S+) is not executable: No such file or directory$/.exec(line);
  const ignorable = cmd !== null && !built.some((p) => cmd[1] === p || cmd[1]!.startsWith(p + "/"));
  return { unit, text: text.split(root + "/").join("/"), ignorable };
}

/** What one run of systemd-analyze verify on some units found. */
interface VerifyRun {
  /** Lines about the units given, not ignorable. */
  real: { unit: PlannedUnit; text: string }[];
  /** Units it says it cannot load (`Unit x.scope not found.`: a scope is made at run time). */
  unloadable: NotVerified[];
  /** Why it could not verify them (a line about none of them, and no failure found), or null. */
  couldNotRun: string | null;
}

/** Unit files systemd-analyze could not verify, and why (see verifyUnits). */
export interface NotVerified {
  unit: string;
  reason: string;
}

/**
 * systemd-analyze verify on the enabled unit files of the tree, 100 at a time. A run that
 * cannot verify its units (a line about none of them: a unit it cannot load, such as a
 * scope, or no manager at all) is run again on each half, down to the unit that cannot be
 * verified, so that every other unit is: those are listed in `notVerified`. When it cannot
 * verify a unit it wrote itself either, it cannot run here at all (some sandboxes): units are
 * not verified (`skipped`).
 */
async function verifyUnits(
  root: string,
  plan: Plan,
  o: CheckOptions,
): Promise<{
  failures: CheckFailure[];
  verified: number;
  skipped: string | null;
  notVerified: NotVerified[];
}> {
  const tool = o.tools.systemdAnalyze;
  const files = plan.units.filter((u) => u.enabled);
  if (files.length === 0) return { failures: [], verified: 0, skipped: null, notVerified: [] };
  if (tool === null)
    return { failures: [], verified: 0, skipped: "systemd-analyze is not installed", notVerified: [] };
  const byName = new Map(files.map((u) => [u.name, u]));
  const built = plan.scripts.map((s) => s.outPath);
  const env = {
    ...process.env,
    SYSTEMD_LOG_LEVEL: "info",
    SYSTEMD_LOG_COLOR: "0",
    SYSTEMD_PAGER: "",
    SYSTEMD_COLORS: "0",
  };
  const verify = async (
    units: readonly PlannedUnit[],
    at = root,
    known: ReadonlyMap<string, PlannedUnit> = byName,
  ): Promise<VerifyRun> => {
    const r = await run(
      tool,
      [
        "verify",
        "--recursive-errors=no",
        "--generators=no",
        "--man=no",
        `--root=${at}`,
        ...units.map((u) => u.file),
      ],
      at,
      env,
    );
    const lines = (r.stderr + r.stdout).split("\n").filter((l) => l.trim() !== "");
    const classified = lines.map((l) => classifyVerifyLine(l, at, known, built));
    const real: VerifyRun["real"] = [];
    const unloadable: NotVerified[] = [];
    for (const c of classified) {
      if (c.unit === null || c.ignorable) continue;
      if (c.text === `Unit ${c.unit.name} not found.`) unloadable.push({ unit: c.unit.name, reason: c.text });
      else real.push({ unit: c.unit, text: c.text });
    }
    const unattributed = classified.filter((c) => c.unit === null);
    const couldNotRun =
      r.code !== 0 && real.length === 0 && unattributed.length > 0 ? unattributed[0]!.text : null;
    return { real, unloadable, couldNotRun };
  };

  const failures = new Map<string, CheckFailure>();
  const notVerified: NotVerified[] = [];
  let verified = 0;
  const record = (found: VerifyRun["real"]): void => {
    for (const { unit: u, text } of found) {
      const f = failures.get(u.name);
      if (f) f.report += "\n" + text;
      else {
        failures.set(u.name, {
          check: "systemd-analyze verify",
          path: `/${u.file}`,
          option: showOption(
            u.service !== null ? ["systemd", "services", u.service] : ["systemd", "units", u.name],
          ),
          what: `unit ${u.name}`,
          via: [],
          report: text,
        });
      }
    }
  };
  /** Verify `units`; where that cannot be done, each half, down to the units that cannot be verified. */
  const verifyDown = async (units: readonly PlannedUnit[]): Promise<void> => {
    const r = await verify(units);
    if (r.couldNotRun === null) {
      record(r.real);
      notVerified.push(...r.unloadable);
      verified += units.length - r.unloadable.length;
    } else if (units.length === 1) {
      notVerified.push({ unit: units[0]!.name, reason: r.couldNotRun });
    } else {
      const half = Math.ceil(units.length / 2);
      await verifyDown(units.slice(0, half));
      await verifyDown(units.slice(half));
    }
  };
  for (let i = 0; i < files.length; i += 100) {
    const batch = files.slice(i, i + 100);
    const r = await verify(batch);
    if (r.couldNotRun !== null && (await cannotRunHere(verify))) {
      return {
        failures: [],
        verified,
        skipped: `systemd-analyze verify could not run: ${r.couldNotRun}`,
        notVerified: [],
      };
    }
    if (r.couldNotRun === null) {
      record(r.real);
      notVerified.push(...r.unloadable);
      verified += batch.length - r.unloadable.length;
    } else {
      await verifyDown(batch.slice(0, Math.ceil(batch.length / 2)));
      await verifyDown(batch.slice(Math.ceil(batch.length / 2)));
    }
    counter("systemd-analyze verify", verified + notVerified.length, files.length, "units", o);
  }
  return { failures: [...failures.values()], verified, skipped: null, notVerified };
}

/** Can systemd-analyze not verify even a unit file of nixmod's own here (no manager in a sandbox, say)? */
async function cannotRunHere(
  verify: (
    units: readonly PlannedUnit[],
    at?: string,
    known?: ReadonlyMap<string, PlannedUnit>,
  ) => Promise<VerifyRun>,
): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "nixmod-verify-"));
  try {
    const file = `${UNIT_DIR}/nixmod-probe.service`;
    mkdirSync(join(dir, UNIT_DIR), { recursive: true });
    writeFileSync(
      join(dir, file),
      "[Unit]\nDescription=probe\n\n[Service]\nType=oneshot\nExecStart=/bin/true\n",
    );
    const probe: PlannedUnit = { name: "nixmod-probe.service", enabled: true, text: "", file, service: null };
    return (await verify([probe], dir, new Map([[probe.name, probe]]))).couldNotRun !== null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run every check on the tree written at `root` for `plan`. */
export async function runChecks(root: string, plan: Plan, options: CheckOptions): Promise<CheckSummary> {
  const o: CheckOptions = { ...options, reported: new Map() };
  const withDryRun = plan.scripts.filter((s) => s.checks.dryRun);
  const withShellcheck = plan.scripts.filter((s) => s.checks.shellcheck !== null);
  o.progress?.(
    `checking ${withShellcheck.length} script(s) with shellcheck, ${withDryRun.length} with bash -n, ` +
      `${plan.units.filter((u) => u.enabled).length} unit file(s) with systemd-analyze verify`,
  );
  const dry = await dryRuns(root, withDryRun, o);
  // nixpkgs runs shellcheck after bash -n in the same check phase: a script that does not parse is not shellchecked.
  const unparsed = new Set(dry.map((f) => f.path));
  const sc = await shellchecks(
    root,
    withShellcheck.filter((s) => !unparsed.has(s.path)),
    o,
  );
  const v = await verifyUnits(root, plan, o);
  return {
    shellchecked: withShellcheck.length - withShellcheck.filter((s) => unparsed.has(s.path)).length,
    dryRun: withDryRun.length,
    unitsVerified: v.verified,
    verifySkipped: v.skipped,
    notVerified: v.notVerified,
    failures: [...dry, ...sc, ...v.failures].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/** A failure as the build reports it. */
export function describeFailure(f: CheckFailure): string {
  const via = f.via.length > 0 ? `, named by ${f.via.join(" <- ")}` : "";
  return (
    `${f.check} failed on ${f.path}\n` +
    `  (${f.what}, from option \`${f.option}'${via})\n` +
    f.report
      .split("\n")
      .map((l) => (l === "" ? "" : `  ${l}`))
      .join("\n") +
    (f.note === undefined ? "" : `\n  note: ${f.note}`)
  );
}
