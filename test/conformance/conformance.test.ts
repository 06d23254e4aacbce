// The conformance cases: module sets evaluated by real Nix (see cases/ and the conformance
// README), each run through our evaluator and compared value by value.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareCase, describeDifference, evaluateCase, readCase } from "../../src/lib/conformance.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "cases");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("conformance cases", () => {
  it("has the 32 cases", () => {
    expect(files.length).toBe(32);
  });

  for (const f of files) {
    const c = readCase(join(dir, f));
    it(`${c.name}: ${c.about ?? ""}`, () => {
      const result = evaluateCase(c);
      if (c.error) {
        // An error case: evaluation fails with Nix's message.
        if (!result.ok && !result.internal) expect(result.message).toContain(c.error.contains);
        else expect.fail(result.ok ? "evaluation succeeded" : `internal error: ${result.message}`);
      }
      const d = compareCase(c, result);
      expect(d === null ? null : describeDifference(d)).toBeNull();
    });
  }
});
