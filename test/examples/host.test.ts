// Snapshots of the bundled example hosts: the evaluated services and the unit
// files. A change in either shows in review as a change of these files.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { loadModuleFile } from "../../src/loader/loader.js";
import { renderJson } from "../../src/tools/render-json.js";
import { referenceCleaning } from "../../src/tools/conformance.js";
import { withLibRevision } from "../../src/lib/lib-revision.js";
import { makePkgs, revisions, type RevisionName } from "../../src/modules/index.js";

async function evaluate(
  file: string,
  revision: RevisionName = "2025-06",
): Promise<{ services: string; units: string; warnings: string[] }> {
  const host = await loadModuleFile(file);
  const r = revisions[revision];
  return withLibRevision(r.lib, () =>
    rendered(evalModules({ modules: [...r.modules, host], specialArgs: { pkgs: makePkgs() } }).config),
  );
}

function rendered(config: any): { services: string; units: string; warnings: string[] } {
  const units = Object.keys(config.systemd.units)
    .sort()
    .map((n) => `### ${n}\n${config.systemd.units[n].text}`)
    .join("\n");
  return {
    services: renderJson(config.systemd.services, referenceCleaning(["systemd", "services"])),
    units,
    warnings: config.warnings,
  };
}

describe("examples/host.ts", () => {
  it("evaluates to the services and unit files in the snapshots", async () => {
    const r = await evaluate("examples/host.ts");
    await expect(r.services).toMatchFileSnapshot("__snapshots__/host.services.json");
    await expect(r.units).toMatchFileSnapshot("__snapshots__/host.units.txt");
    expect(r.warnings).toEqual([]);
  });

  it("appends the migration hook after the module's pre-start", async () => {
    const pre = JSON.parse((await evaluate("examples/host.ts")).services)["podman-app"].serviceConfig
      .ExecStartPre;
    expect(pre).toHaveLength(2);
    expect(pre[0]).toMatch(/^\/nix\/store\/[0-9a-f]{32}-pre-start\/bin\/pre-start$/);
    expect(pre[1]).toBe("/run/current-system/sw/bin/shop-migrate --wait-for db");
  });
});

describe("examples/host-2023-07.ts, revision 2023-07", () => {
  it("evaluates to the services and unit files in the snapshots", async () => {
    const r = await evaluate("examples/host-2023-07.ts", "2023-07");
    await expect(r.services).toMatchFileSnapshot("__snapshots__/host-2023-07.services.json");
    await expect(r.units).toMatchFileSnapshot("__snapshots__/host-2023-07.units.txt");
    expect(r.warnings).toEqual([]);
  });
});

describe("examples/legacy/docker-containers.json", () => {
  it("migrates to docker services with the deprecation warning", async () => {
    const r = await evaluate("examples/legacy/docker-containers.json");
    await expect(r.services).toMatchFileSnapshot("__snapshots__/legacy.services.json");
    expect(r.warnings).toEqual([
      "The option `docker-containers' defined in `examples/legacy/docker-containers.json' has been changed to `virtualisation.oci-containers' that has a different type. Please read `virtualisation.oci-containers' documentation and update your configuration accordingly.",
    ]);
    expect(JSON.parse(r.services)["docker-registry"].script).toContain("'--restart-condition=none'");
    // The lib of 2025-06 leaves a safe word unquoted; the seed's quoted every argument.
    expect(JSON.parse(r.services)["docker-registry"].script).toContain("--name=registry");
    const seed = await evaluate("examples/legacy/docker-containers.json", "2023-07");
    await expect(seed.services).toMatchFileSnapshot("__snapshots__/legacy-2023-07.services.json");
    expect(JSON.parse(seed.services)["docker-registry"].script).toContain("--name='registry'");
  });
});
