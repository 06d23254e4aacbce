// The examples, built: the tree against a snapshot, and every check run with the real tools.
//
// A container with a complete `login` gets the seed's pre-start `cat <passwordFile> | ... login`,
// which real shellcheck rejects (SC2002, as in NixOS's build of that revision; see
// docs/build.md): for those containers exactly that failure is expected, and nothing else.
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
import { loadModuleFiles } from "../../src/lib/loader.js";
import { readTree, tempDir } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, "..", "..", "examples");
const hosts = [
  "host.ts",
  ...readdirSync(join(examples, "legacy"))
    .filter((f) => /\.(json|ya?ml|ts)$/.test(f))
    .sort()
    .map((f) => `legacy/${f}`),
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
  expect(hosts).toContain("host.ts");
});

describe.each(hosts)("examples/%s", (host) => {
  const file = join(examples, host);

  it("the tree matches the snapshot", async () => {
    const { config, pkgs } = evaluateHost(await loadModuleFiles([file]));
    const out = join(tmp, `${host.replace(/\//g, "_")}-plan`);
    writeEntries(out, planTree(config, pkgs).entries);
    expect(readTree(out)).toMatchSnapshot();
  });

  it("builds with every check clean, but for the login pre-starts shellcheck rejects (SC2002)", async () => {
    const modules = await loadModuleFiles([file]);
    const expected = loginPreStarts(evaluateHost(modules).config);
    const out = join(tmp, host.replace(/\//g, "_"));
    let failures: CheckFailedError["failures"] = [];
    try {
      const summary = await build({ modules, out, tools });
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
    }
  });
});
