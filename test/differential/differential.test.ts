// The differential test: module sets written once as data (scenario.ts), evaluated by nixmod
// and compared with what real Nix (2.8) gave for them with each nixpkgs lib nixmod knows,
// recorded in recorded-<revision>.json by record.ts, nixmod evaluating them with that lib
// revision in force: the repros of issue 28, of where the libs differ, and their variations
// (repros.ts), one test each, and random scenarios (generate.ts). Every attribute read must
// give the same value, or the same error (Nix's message, then perhaps lines of nixmod's own),
// but for the known differences docs/merge-rules.md describes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { libRevisions, type LibRevision } from "../../src/lib/lib-revision.js";
import { generateScenario } from "./generate.js";
import { repros } from "./repros.js";
import { compareOutcomes, nixmodOutcome, type Outcome, type Scenario } from "./scenario.js";

interface Recorded {
  about: { nix: string; lib: LibRevision; seed: number; count: number };
  cases: { scenario: Scenario; nix: Outcome[] }[];
}

/** The reads of a recorded case where nixmod differs from Nix, and those that differ as documented. */
function check(c: Recorded["cases"][number], revision: LibRevision): { differ: object[]; known: number } {
  const differ: object[] = [];
  let known = 0;
  c.scenario.reads.forEach((path, i) => {
    const nix = c.nix[i]!;
    const nixmod = nixmodOutcome(c.scenario, path, revision);
    const how = compareOutcomes(nix, nixmod);
    if (how === "known") known++;
    if (how === "differs") differ.push({ scenario: c.scenario.name, read: path.join("."), nix, nixmod });
  });
  return { differ, known };
}

for (const revision of libRevisions) {
  const recorded = JSON.parse(
    readFileSync(new URL(`./recorded-${revision}.json`, import.meta.url), "utf8"),
  ) as Recorded;
  const random = recorded.cases.filter((c) => c.scenario.name.startsWith("random-"));
  const byName = new Map(recorded.cases.map((c) => [c.scenario.name, c]));

  describe(`with the lib of ${revision}`, () => {
    describe("the recorded scenarios", () => {
      it(`were recorded with the lib of ${revision}`, () => {
        expect(recorded.about.lib).toBe(revision);
        expect(random.length).toBe(recorded.about.count);
      });

      it("are the repros and the generator's scenarios (else: record them again with record.ts)", () => {
        expect(
          recorded.cases.filter((c) => !c.scenario.name.startsWith("random-")).map((c) => c.scenario),
        ).toEqual(repros);
        random.forEach((c, i) => expect(c.scenario).toEqual(generateScenario(recorded.about.seed + i)));
      });
    });

    describe("repros: nixmod gives what Nix gives", () => {
      for (const s of repros) {
        it(s.name, () => {
          const c = byName.get(s.name);
          expect(c, `${s.name} is not recorded: run record.ts`).toBeDefined();
          expect(check(c!, revision)).toEqual({ differ: [], known: 0 });
        });
      }
    });

    describe("random scenarios: nixmod gives what Nix gives", () => {
      it(`${random.length} scenarios, every top-level attribute read`, () => {
        const differ = random.flatMap((c) => check(c, revision).differ);
        expect(differ).toEqual([]);
      });

      it("they reach values and every kind of error, not only a few", () => {
        const outcomes = random.flatMap((c) => c.nix);
        const values = outcomes.filter((o) => "value" in o).length;
        expect(values / outcomes.length).toBeGreaterThan(0.3);
        const kinds = new Set(
          outcomes.flatMap((o) => ("error" in o ? [o.error.replace(/`[^']*'/g, "").slice(0, 25)] : [])),
        );
        expect(kinds.size).toBeGreaterThan(10);
      });
    });
  });
}
