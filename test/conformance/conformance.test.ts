// The conformance cases: module sets evaluated by real Nix (see cases/ and the conformance
// README), each run through our evaluator and compared value by value.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  compareCase,
  describeDifference,
  evaluateCase,
  readCase,
  type Case,
  type CaseResult,
} from "../../src/tools/conformance.js";
import { captureTraces } from "../../src/lib/nix/trivial.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "cases");
/** The case sets: the seed's (cases/) and revision 2025-06's (cases-2025/), with their sizes. */
const sets = [
  ["cases", 32],
  ["cases-2025", 67],
] as const;

for (const [set, count] of sets) {
  const files = readdirSync(join(here, set))
    .filter((f) => f.endsWith(".json"))
    .sort();

  describe(`conformance cases (${set})`, () => {
    it(`has the ${count} cases`, () => {
      expect(files.length).toBe(count);
    });

    for (const f of files) {
      const c = readCase(join(here, set, f));
      it(`${c.name}: ${c.about ?? ""}`, () => {
        const { result, traces } = captureTraces(() => evaluateCase(c));
        if (c.error) {
          // An error case: evaluation fails with Nix's message.
          if (!result.ok && !result.internal) expect(result.message).toContain(c.error.contains);
          else expect.fail(result.ok ? "evaluation succeeded" : `internal error: ${result.message}`);
          // And, where the case has it, with all of what Nix printed: its traces, then the error.
          if (c.error.nixMessage !== undefined) {
            const printed = [...traces.map((t) => `trace: ${t}\n`), result.rendered].join("");
            expect(printed).toBe(c.error.nixMessage);
          }
        }
        const d = compareCase(c, result);
        expect(d === null ? null : describeDifference(d)).toBeNull();
      });
    }
  });
}

describe("compareCase", () => {
  const ok = readCase(join(dir, "basic-podman.json"));
  const result = evaluateCase(ok);
  const tamper = (f: (c: Case) => void): Case => {
    const c = JSON.parse(JSON.stringify(ok)) as Case;
    f(c);
    return c;
  };
  const diff = (c: Case, r: CaseResult = result): string | null => {
    const d = compareCase(c, r);
    return d && describeDifference(d);
  };

  it("finds the first differing path with both values", () => {
    expect(diff(tamper((c) => (c.expected!.services["podman-web"] as any).after.push("x.target")))).toBe(
      'at services.podman-web.after[1]: expected "x.target", got (missing)',
    );
    expect(diff(tamper((c) => (c.expected!.backend = "docker")))).toBe(
      'at backend: expected "docker", got "podman"',
    );
    expect(diff(tamper((c) => delete (c.expected!.units as any)["podman-web.service"]))).toMatch(
      /^at units\."podman-web\.service": expected \(missing\), got "\[Unit\]/,
    );
  });

  it("checks every expected script, with the first differing line of its text", () => {
    const path = Object.keys(ok.scripts!)[0];
    expect(diff(tamper((c) => (c.scripts![path].text = "echo hi\n" + c.scripts![path].text)))).toMatch(
      new RegExp(
        `^at scripts\\."${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\.text: .*\\(first differing line 1: expected "echo hi"`,
      ),
    );
    expect(
      diff(
        tamper((c) => (c.scripts!["/nix/store/x-none"] = { builder: "writeText", name: "none", text: "" })),
      ),
    ).toMatch(/^at scripts\."\/nix\/store\/x-none": expected .*, got \(missing\)$/);
  });

  it("an error case fails on success, on a different message, and on an internal error", () => {
    const err = tamper((c) => {
      delete c.expected;
      delete c.scripts;
      c.error = { contains: "boom" };
    });
    expect(diff(err)).toBe('expected an error containing "boom", got no error');
    const internal: CaseResult = {
      ok: false,
      message: "boom",
      rendered: "error: boom",
      internal: true,
      cause: new TypeError("boom"),
    };
    expect(diff(err, internal)).toBe('expected an error containing "boom", got "internal error: boom"');
    const evalErr: CaseResult = {
      ok: false,
      message: "a boom",
      rendered: "error: a boom",
      internal: false,
      cause: null,
    };
    expect(diff(err, evalErr)).toBeNull();
  });

  it("an error case with Nix's whole message wants it as printed, the trace lines before it aside", () => {
    const err = tamper((c) => {
      delete c.expected;
      delete c.scripts;
      c.error = { contains: "boom", nixMessage: "trace: a trace\nerror: a boom\n       - In `a.nix': 1" };
    });
    const as = (rendered: string): CaseResult => ({
      ok: false,
      message: "a boom",
      rendered,
      internal: false,
      cause: null,
    });
    expect(diff(err, as("error: a boom\n       - In `a.nix': 1"))).toBeNull();
    expect(diff(err, as("error: a boom\n       - In `b.nix': 1"))).toBe(
      'at error (as printed): expected "error: a boom\\n       - In `a.nix\': 1", got "error: a boom\\n       - In `b.nix\': 1"' +
        ' (first differing line 2: expected "       - In `a.nix\': 1", got "       - In `b.nix\': 1")',
    );
  });
});
