// More module sets evaluated by real Nix (2.x, nixpkgs lib of 2023-07-09) with the reference
// harness (../shared/reference/eval.nix: nixos-base.nix + the seed + the case's modules),
// in the conformance case format. They exercise the parts of the base the 32 conformance
// cases leave alone: every unit field, job scripts of all kinds, triggers, start limits,
// restart/reload/stop flags, lines merging, users extending the generated services, and the
// base's own errors. `nixMessage` is what Nix printed, trace lines left out.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareCase, describeDifference, evaluateCase, readCase } from "../../src/tools/conformance.js";
import { captureTraces } from "../../src/lib/nix/trivial.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "reference-cases");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("modules against real Nix: more cases", () => {
  for (const f of files) {
    const c = readCase(join(dir, f));
    it(`${c.name}: ${c.about ?? ""}`, () => {
      // (What the base traces before an error, as Nix does, is kept here, not printed: the
      // cases' `nixMessage` leave trace lines out.)
      const { result, traces } = captureTraces(() => evaluateCase(c));
      const d = compareCase(c, result);
      expect(d === null ? null : describeDifference(d)).toBeNull();
      if (c.error && !result.ok) expect(result.rendered).toBe(c.error.nixMessage);
      if (!c.error) expect(traces).toEqual([]);
    });
  }
});
