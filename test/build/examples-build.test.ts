// The examples, built with the revision each is written for: the tree against a snapshot, and
// every check run with the real tools.
//
// Revision 2025-06 (the default) builds clean, registry logins included. In revision 2023-07 (the
// seed) a container with a complete `login` gets the pre-start `cat <passwordFile> | ... login`,
// which real shellcheck rejects (SC2002, as in NixOS's build of that revision; see docs/build.md):
// for those containers exactly that failure is expected, and nothing else.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  build,
  CheckFailedError,
  evaluateHost,
  findTools,
  planTree,
  writeEntries,
} from "../../src/build/index.js";
import { showOption } from "../../src/lib/options.js";
import { loadModuleFiles } from "../../src/loader/loader.js";
import { withLibRevision } from "../../src/lib/lib-revision.js";
import { revisions, type RevisionName } from "../../src/modules/revisions.js";
import { readTree, tempDir } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, "..", "..", "examples");
/** [example, the revision it is written for]. */
const hosts: [string, RevisionName][] = [
  ["host.ts", "2025-06"],
  ["host-2023-07.ts", "2023-07"],
  ...readdirSync(join(examples, "legacy"))
    .filter((f) => /\.(json|ya?ml|ts)$/.test(f))
    .sort()
    .flatMap((f): [string, RevisionName][] => [
      [`legacy/${f}`, "2025-06"],
      [`legacy/${f}`, "2023-07"],
    ]),
];

const tools = findTools();
let tmp: string;
beforeAll(() => {
  tmp = tempDir("examples-build");
});

/** The ExecStartPre options whose pre-start has a registry login (the SC2002 pipe). */
function loginPreStarts(config: Record<string, any>): string[] {
  const oci = config.virtualisation["oci-containers"];
  return Object.keys(oci.containers)
    .filter((n) => {
      const l = oci.containers[n].login;
      return l.username !== null && l.passwordFile !== null && l.registry !== null;
    })
    .map((n) => showOption(["systemd", "services", `${oci.backend}-${n}`, "serviceConfig", "ExecStartPre"]))
    .sort();
}

it("examples/host.ts is there", () => {
  expect(hosts.map(([h]) => h)).toContain("host.ts");
});

describe.each(hosts)("examples/%s, revision %s", (host, revision) => {
  const file = join(examples, host);
  const dirName = `${host.replace(/\//g, "_")}-${revision}`;

  it("the tree matches the snapshot", async () => {
    const r = revisions[revision];
    const { config, pkgs } = evaluateHost(await loadModuleFiles([file]), false, r);
    const out = join(tmp, `${dirName}-plan`);
    writeEntries(out, withLibRevision(r.lib, () => planTree(config, pkgs)).entries);
    expect(readTree(out)).toMatchSnapshot();
  });

  it("builds with every check clean, but for the seed's login pre-starts shellcheck rejects (SC2002)", async () => {
    const modules = await loadModuleFiles([file]);
    const expected =
      revision === "2023-07" ? loginPreStarts(evaluateHost(modules, false, revisions[revision]).config) : [];
    const out = join(tmp, dirName);
    let failures: CheckFailedError["failures"] = [];
    try {
      const summary = await build({ modules, out, tools, revision });
      expect(summary.checks.shellchecked).toBeGreaterThan(0);
      expect(readTree(out).length).toBeGreaterThan(0);
    } catch (e) {
      if (!(e instanceof CheckFailedError)) throw e;
      failures = [...e.failures];
    }
    expect(failures.map((f) => f.option).sort()).toEqual(expected);
    for (const f of failures) {
      expect(f.check).toBe("shellcheck");
      expect(f.report).toContain("SC2002 (style): Useless cat.");
      expect(f.report.match(/\bSC\d{4}\b/g)!.every((c) => c === "SC2002")).toBe(true);
      expect(f.note).toContain("fixed upstream in nixpkgs PR #265731, and is fixed in revision 2025-06");
    }
  });
});
