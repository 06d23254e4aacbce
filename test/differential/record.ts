/**
 * Records what real Nix gives for the differential test's scenarios: the repros
 * (repros.ts) and random ones (generate.ts), each attribute read with `nix-instantiate`
 * (`builtins.toJSON`, which forces names in sorted order, as nixmod prints them) and the
 * nixpkgs lib of 2023-07, into recorded.json, which the test compares nixmod with. The test
 * needs neither Nix nor the lib; this script does (Debian's `nix-bin`).
 *
 *   npx tsx test/differential/record.ts [--count N] [--seed S]
 *       record the repros and N random scenarios from seed S (default: 400 from 1)
 *   npx tsx test/differential/record.ts --compare [--count N] [--seed S]
 *       compare nixmod with Nix there and then, print the scenarios that differ (and the
 *       known differences), write nothing
 *
 * NIXPKGS_LIB names the lib (default /work/shared/nixpkgs-lib, the 2023-07 one; a path with
 * 2025 in it is taken for the 2025-06 one, and nixmod compared with that lib revision in force).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { LibRevision } from "../../src/lib/lib-revision.js";
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

const libDir = process.env.NIXPKGS_LIB ?? "/work/shared/nixpkgs-lib";
const revision: LibRevision = libDir.includes("2025") ? "2025-06" : "2023-07";
const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const compare = args.includes("--compare");
const count = flag("--count", 400);
const seed = flag("--seed", 1);

/** What Nix gives reading `config.<path>` of the scenario. */
function nixOutcome(s: Scenario, path: readonly string[]): Outcome {
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

if (compare) {
  const tally = { reads: 0, nixErrors: 0, same: 0, known: 0, differs: 0 };
  for (const s of scenarios) {
    for (const path of s.reads) {
      const nix = nixOutcome(s, path);
      const ours = nixmodOutcome(s, path, revision);
      const how = compareOutcomes(nix, ours);
      tally.reads++;
      if ("error" in nix) tally.nixErrors++;
      tally[how]++;
      if (how === "same") continue;
      console.log(`--- ${how}: ${s.name} reading ${path.join(".")}`);
      console.log(JSON.stringify(s));
      console.log("nix:    ", JSON.stringify(nix));
      console.log("nixmod: ", JSON.stringify(ours));
    }
  }
  console.log(JSON.stringify(tally));
} else {
  const lines = scenarios.map((s) =>
    JSON.stringify({ scenario: s, nix: s.reads.map((p) => nixOutcome(s, p)) }),
  );
  const version = execFileSync("nix-instantiate", ["--version"], { encoding: "utf8" }).trim();
  const head = JSON.stringify({
    nix: version,
    lib: libDir.includes("2025") ? "2025-06" : "2023-07",
    seed,
    count,
  });
  const file = new URL("./recorded.json", import.meta.url);
  // One scenario a line.
  writeFileSync(file, `{"about":${head},"cases":[\n${lines.join(",\n")}\n]}\n`);
  console.log(`recorded ${lines.length} scenarios in ${file.pathname}`);
}
