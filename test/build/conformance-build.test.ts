// Every conformance case that evaluates is built, with the revision of the case: its tree
// against a snapshot, the store files exactly the scripts Nix's harness listed for the case (the
// closure of the units), and every check run with the real tools. A case of revision 2025-06
// whose assertions fail is refused, with NixOS's text.
//
// Two seed cases do not pass shellcheck, and that is what NixOS does with them: with a complete
// `login`, the seed's oci-containers pre-start pipes `cat <passwordFile> | <backend> login ...`,
// which shellcheck reports as SC2002 (useless cat, style), and nixpkgs' writeShellApplication of
// that time ran shellcheck with no flags in its check phase, so the build of the pre-start
// failed. Those two cases are built without checks for the snapshot, and their check failure is
// asserted exactly.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { build, CheckFailedError, findTools, planTree, writeEntries } from "../../src/build/index.js";
import { evaluateHost } from "../../src/build/index.js";
import { caseModules, caseRevision, readCase, type Case } from "../../src/tools/conformance.js";
import { withLibRevision } from "../../src/lib/lib-revision.js";
import type { Module } from "../../src/lib/module-types.js";
import { readTree, tempDir, withoutMarker } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const cases = ["cases", "cases-2025"].flatMap((d) => {
  const dir = join(here, "..", "conformance", d);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => readCase(join(dir, f)))
    .filter((c) => c.expected !== undefined);
});

/** Cases whose pre-start shellcheck rejects (SC2002), with the service of the failing script. */
const SC2002 = new Map([
  ["full-options-docker", "docker-app"],
  ["full-options-podman", "podman-app"],
]);

const modulesOf = (c: (typeof cases)[number]): Module[] => {
  const m = caseModules(c);
  if (E.isLeft(m)) throw m.left;
  return m.right;
};

const tools = findTools();
let tmp: string;
beforeAll(() => {
  tmp = tempDir("conformance-build");
});

it("there are cases to build, of both revisions", () => {
  expect(cases.filter((c) => caseRevision(c).name === "2023-07").length).toBeGreaterThanOrEqual(25);
  expect(cases.filter((c) => caseRevision(c).name === "2025-06").length).toBeGreaterThanOrEqual(50);
});

/** A case whose assertions fail: NixOS refuses to build it. */
const refused = (c: Case): boolean => (c.expected?.failedAssertions ?? []).length > 0;

describe.each(cases.filter((c) => !refused(c)).map((c) => [c.name, c] as const))("%s", (name, c) => {
  const revision = caseRevision(c);
  it("writes the scripts Nix listed for the case, and the tree matches the snapshot", () => {
    const { config, pkgs } = evaluateHost(modulesOf(c), false, revision);
    const plan = withLibRevision(revision.lib, () => planTree(config, pkgs));
    expect(plan.scripts.map((s) => s.outPath).sort()).toEqual(Object.keys(c.scripts ?? {}).sort());
    for (const s of plan.scripts) {
      expect(s.script.text).toBe(c.scripts![s.outPath]!.text);
      expect(s.script.kind).toBe(c.scripts![s.outPath]!.builder);
    }
    const out = join(tmp, `${name}-plan`);
    writeEntries(out, plan.entries);
    expect(readTree(out)).toMatchSnapshot();
  });

  if (!SC2002.has(name)) {
    it("builds with shellcheck, bash -n and systemd-analyze verify clean", async () => {
      const summary = await build({ modules: modulesOf(c), out: join(tmp, name), tools, revision: revision.name });
      expect(summary.checks.failures).toEqual([]);
      expect(summary.checks.shellchecked).toBe(
        summary.plan.scripts.filter((s) => s.script.kind === "writeShellApplication").length,
      );
      expect(withoutMarker(readTree(join(tmp, name)))).toEqual(readTree(join(tmp, `${name}-plan`)));
    });
  } else {
    it("fails shellcheck on the pre-start with SC2002, as NixOS's build did", async () => {
      const service = SC2002.get(name)!;
      let error: unknown = null;
      try {
        await build({ modules: modulesOf(c), out: join(tmp, name), tools, revision: revision.name });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CheckFailedError);
      const failures = (error as CheckFailedError).failures;
      expect(failures.map((f) => [f.check, f.option])).toEqual([
        ["shellcheck", `systemd.services.${service}.serviceConfig.ExecStartPre`],
      ]);
      expect(failures[0]!.path).toMatch(/-pre-start\/bin\/pre-start$/);
      expect(failures[0]!.report).toContain("SC2002 (style): Useless cat.");
      expect(failures[0]!.note).toContain("nixpkgs PR #265731");
      expect((error as CheckFailedError).message).toContain("fixed in revision 2025-06");
    });
  }
});

describe.each(cases.filter(refused).map((c) => [c.name, c] as const))("%s", (name, c) => {
  it("is refused with NixOS's `Failed assertions:` text, nothing written", async () => {
    const out = join(tmp, name);
    await expect(
      build({ modules: modulesOf(c), out, tools, revision: caseRevision(c).name }),
    ).rejects.toThrow(`\nFailed assertions:\n${c.expected!.failedAssertions!.map((m) => `- ${m}`).join("\n")}`);
    expect(existsSync(out)).toBe(false);
  });
});
