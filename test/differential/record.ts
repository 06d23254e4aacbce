/**
 * Records what real Nix gives for the differential test's scenarios: the repros
 * (repros.ts) and random ones (generate.ts), each attribute read with `nix-instantiate`
 * (`builtins.toJSON`, which forces names in sorted order, as nixmod prints them), once with
 * each nixpkgs lib nixmod knows (2023-07 and 2025-06), into recorded-<revision>.json, which
 * the test compares nixmod with, that lib revision in force. The test needs neither Nix nor
 * the libs; this script does (Debian's `nix-bin`).
 *
 *   npx tsx test/differential/record.ts [--lib REVISION] [--count N] [--seed S]
 *       record the repros and N random scenarios from seed S (default: 400 from 1), with
 *       the lib of REVISION (default: each in turn)
 *   npx tsx test/differential/record.ts --compare [--lib REVISION] [--count N] [--seed S]
 *       compare nixmod with Nix there and then, print the scenarios that differ (and the
 *       known differences), write nothing
 *
 * NIXPKGS_LIB_2023_07 and NIXPKGS_LIB_2025_06 name the libs (default /work/shared/nixpkgs-lib
 * and /work/shared/nixpkgs-lib-2025).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { isLibRevision, libRevisions, type LibRevision } from "../../src/lib/lib-revision.js";
import { generateScenario } from "./generate.js";
import { repros } from "./repros.js";
import {
  compareOutcomes,
  nixExpression,
  nixMessage,
  nixmodOutcome,
  type Outcome,
  type Scenario,
} from "./scenario.js";

const libDirs: Record<LibRevision, string> = {
  "2023-07": process.env.NIXPKGS_LIB_2023_07 ?? "/work/shared/nixpkgs-lib",
  "2025-06": process.env.NIXPKGS_LIB_2025_06 ?? "/work/shared/nixpkgs-lib-2025",
};
const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const compare = args.includes("--compare");
const count = flag("--count", 400);
const seed = flag("--seed", 1);
const lib = args.includes("--lib") ? args[args.indexOf("--lib") + 1] : undefined;
if (lib !== undefined && !isLibRevision(lib)) throw new Error(`--lib: one of ${libRevisions.join(", ")}`);

/** What Nix gives reading `config.<path>` of the scenario, with the lib in `libDir`. */
function nixOutcome(s: Scenario, path: readonly string[], libDir: string): Outcome {
  try {
    const out = execFileSync("nix-instantiate", ["--eval", "--json", "-E", nixExpression(s, path, libDir)], {
      env: { ...process.env, NIX_STATE_DIR: process.env.NIX_STATE_DIR ?? "/tmp/nixstate" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
      encoding: "utf8",
    });
    return { value: JSON.parse(JSON.parse(out) as string) };
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr;
    if (typeof stderr !== "string" || !stderr.includes("error: ")) throw e;
    return { error: nixMessage(stderr) };
  }
}

const scenarios: Scenario[] = [
  ...repros,
  ...Array.from({ length: count }, (_, i) => generateScenario(seed + i)),
];

function compareWith(revision: LibRevision): void {
  const tally = { reads: 0, nixErrors: 0, same: 0, known: 0, differs: 0 };
  for (const s of scenarios) {
    for (const path of s.reads) {
      const nix = nixOutcome(s, path, libDirs[revision]);
      const ours = nixmodOutcome(s, path, revision);
      const how = compareOutcomes(nix, ours);
      tally.reads++;
      if ("error" in nix) tally.nixErrors++;
      tally[how]++;
      if (how === "same") continue;
      console.log(`--- ${how} (${revision}): ${s.name} reading ${path.join(".")}`);
      console.log(JSON.stringify(s));
      console.log("nix:    ", JSON.stringify(nix));
      console.log("nixmod: ", JSON.stringify(ours));
    }
  }
  console.log(revision, JSON.stringify(tally));
}

function record(revision: LibRevision): void {
  const libDir = libDirs[revision];
  const lines = scenarios.map((s) =>
    JSON.stringify({ scenario: s, nix: s.reads.map((p) => nixOutcome(s, p, libDir)) }),
  );
  const version = execFileSync("nix-instantiate", ["--version"], { encoding: "utf8" }).trim();
  const head = JSON.stringify({ nix: version, lib: revision, seed, count });
  const file = new URL(`./recorded-${revision}.json`, import.meta.url);
  // One scenario a line.
  writeFileSync(file, `{"about":${head},"cases":[\n${lines.join(",\n")}\n]}\n`);
  console.log(`recorded ${lines.length} scenarios in ${file.pathname}`);
}

for (const revision of lib !== undefined ? [lib] : libRevisions) {
  if (compare) compareWith(revision);
  else record(revision);
}
