/**
 * `nixmod build`: evaluate a host, write what NixOS would put on the machine (tree.ts), check
 * it with the real tools (checks.ts), and put it in place only when every check passes.
 */
import { warningText } from "../lib/nix/trivial.js";
import { rmSync } from "node:fs";
import { evalModules } from "../lib/evaluation.js";
import { thrownReading } from "../lib/user-exception.js";
import { strayServices, strayServiceWarning } from "../modules/stray-services.js";
import type { Module } from "../lib/module-types.js";
import { toJsonValue } from "../tools/render-json.js";
import { withLibRevision } from "../lib/lib-revision.js";
import { assertionsError } from "../modules/misc/assertions.js";
import { revisionInForce, revisionNamed, type Revision, type RevisionName } from "../modules/revisions.js";
import { makePkgs, type Pkgs } from "../modules/pkgs.js";
import {
  describeFailure,
  findTools,
  runChecks,
  SHELLCHECK_MISSING,
  type CheckFailure,
  type CheckSummary,
  type Tools,
} from "./checks.js";
import { BuildError, planTree, writeEntries, type Plan } from "./tree.js";
import {
  cleanedOnSignals,
  cleanLeftovers,
  commitTree,
  notReplaceable,
  outDirPath,
  releaseLock,
  stagingDir,
  takeLock,
  writeMarker,
} from "./out-dir.js";

export { BuildError, planTree, writeEntries, type Plan } from "./tree.js";
export { runtimeShell, storeFile } from "./scripts.js";
export { findTools, describeFailure, type Tools, type CheckFailure } from "./checks.js";

export interface BuildOptions {
  /** The host's modules (the bundled base and oci-containers module come first). */
  modules: readonly Module[];
  /** Where the tree goes; replaced only if absent, empty, or an earlier build's tree. */
  out: string;
  /** Progress and summary lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** The programs to check with (default: found on PATH). */
  tools?: Tools;
  /** Leave out the bundled modules (for hosts that bring their own). */
  bare?: boolean;
  /** The revision of the bundled modules (default: the one in force, 2025-06 unless changed). */
  revision?: RevisionName;
}

export interface BuildSummary {
  out: string;
  plan: Plan;
  checks: CheckSummary;
  warnings: string[];
  seconds: number;
}

/** The build failed its checks: every failure, reported together. */
export class CheckFailedError extends Error {
  constructor(readonly failures: readonly CheckFailure[]) {
    super(
      `${failures.length} check(s) failed; nothing was written\n\n` +
        failures.map(describeFailure).join("\n\n"),
    );
  }
}

/**
 * Evaluate the host with the modules of `revision` (the one in force unless given): its config
 * and the package set with the scripts its builders made. Throws NixOS's `Failed assertions:`
 * error when assertions fail.
 */
export function evaluateHost(
  modules: readonly Module[],
  bare = false,
  revision: Revision = revisionInForce(),
): { config: Record<string, any>; options: Record<string, any>; pkgs: Pkgs; warnings: string[] } {
  return withLibRevision(revision.lib, () => {
    const pkgs = makePkgs();
    const { config, options } = evalModules({
      modules: [...(bare ? [] : revision.modules), ...modules],
      specialArgs: { pkgs },
    });
    try {
      const warnings = "warnings" in config ? (toJsonValue(config.warnings) as unknown[]).map(String) : [];
      const failed = assertionsError(config);
      if (failed !== null) throw failed;
      return { config, options, pkgs, warnings };
    } catch (e) {
      throw thrownReading(e, config);
    }
  });
}

/**
 * A failure with what is known of it: the seed's registry login (`cat <passwordFile> |
 * <backend> login`) fails shellcheck with SC2002, as the build of NixOS did in July 2023.
 */
function withKnownCause(f: CheckFailure, revision: Revision): CheckFailure {
  const seedLogin =
    revision.name === "2023-07" &&
    f.check === "shellcheck" &&
    f.option.endsWith(".serviceConfig.ExecStartPre") &&
    f.report.includes("SC2002");
  return seedLogin
    ? {
        ...f,
        note:
          "this is the seed's known failure: NixOS of July 2023 failed to build a container with a " +
          "registry login the same way (`cat <passwordFile> | <backend> login`). It was fixed upstream " +
          "in nixpkgs PR #265731, and is fixed in revision 2025-06 (the default; this build used --revision 2023-07).",
      }
    : f;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Build the host into `out`; throws EvalError, BuildError or CheckFailedError. `out` is
 * replaced only when it is absent, empty or an earlier build's tree, under a lock, by renames
 * (see out-dir.ts).
 */
export async function build(o: BuildOptions): Promise<BuildSummary> {
  const log = o.log ?? (() => {});
  const t0 = performance.now();
  const tools = o.tools ?? findTools();
  if (tools.shellcheck === null) log(`warning: ${SHELLCHECK_MISSING}`);
  const out = outDirPath(o.out);
  const lock = takeLock(out);
  const staging = stagingDir(out);
  try {
    return await cleanedOnSignals(
      lock,
      () => [staging],
      () => buildLocked(o, out, staging, lock, log, tools, t0),
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
    releaseLock(lock);
  }
}

async function buildLocked(
  o: BuildOptions,
  out: string,
  staging: string,
  lock: ReturnType<typeof takeLock>,
  log: (line: string) => void,
  tools: Tools,
  t0: number,
): Promise<BuildSummary> {
  for (const line of cleanLeftovers(out)) log(line);
  const why = notReplaceable(out);
  if (why !== null) throw new BuildError(`refusing to replace ${o.out}: ${why}`);

  log(`evaluating ${plural(o.modules.length, "module")}`);
  const revision = o.revision === undefined ? revisionInForce() : revisionNamed(o.revision);
  const { config, options, pkgs, warnings } = evaluateHost(o.modules, o.bare, revision);
  for (const w of warnings) log(`trace: ${warningText(w)}`);
  let plan: Plan;
  try {
    plan = withLibRevision(revision.lib, () => planTree(config, pkgs));
  } catch (e) {
    throw thrownReading(e, config);
  }
  for (const s of strayServices(config, options)) log(`warning: ${strayServiceWarning(s)}`);
  log(`evaluated in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const disabled = plan.units.filter((u) => !u.enabled).length;
  const links = plan.entries.filter((e) => e.kind === "symlink").length - disabled;
  log(
    `writing ${plural(plan.units.length, "unit")} (${disabled} disabled), ${plural(links, "link")}, ` +
      `${plural(plan.scripts.length, "store file")}` +
      (plan.unreferenced.length > 0
        ? ` (${plan.unreferenced.length} script(s) made during evaluation that no unit names: not written)`
        : ""),
  );

  rmSync(staging, { recursive: true, force: true });
  writeEntries(staging, plan.entries);
  writeMarker(staging);
  if (tools.shellcheck === null && plan.scripts.some((s) => s.checks.shellcheck !== null)) {
    throw new BuildError(SHELLCHECK_MISSING);
  }
  const checks = await runChecks(staging, plan, { tools, progress: log });
  if (checks.verifySkipped !== null) log(`warning: unit files not verified: ${checks.verifySkipped}`);
  if (checks.notVerified.length > 0) {
    log(
      `warning: ${plural(checks.notVerified.length, "unit file")} not verified: ` +
        checks.notVerified.map((n) => `${n.unit}: ${n.reason}`).join("; "),
    );
  }
  if (checks.failures.length > 0)
    throw new CheckFailedError(checks.failures.map((f) => withKnownCause(f, revision)));
  commitTree(staging, out, lock);
  const seconds = (performance.now() - t0) / 1000;
  log(
    `built ${o.out}: ${plural(plan.units.length, "unit")}, ${plural(plan.scripts.length, "store file")}; ` +
      `shellcheck ${checks.shellchecked}, bash -n ${checks.dryRun}, systemd-analyze verify ${checks.unitsVerified}; ` +
      `${seconds.toFixed(2)} s`,
  );
  return { out: o.out, plan, checks, warnings, seconds };
}
