// examples/overrides/*.ts: each override evaluated with the example host; the services it
// changes are kept as file snapshots (test/examples/__snapshots__/overrides/), and what the
// override is about is asserted directly.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { loadModuleFile } from "../../src/loader/loader.js";
import { renderJson } from "../../src/tools/render-json.js";
import { referenceCleaning } from "../../src/tools/conformance.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";

async function evaluate(file: string): Promise<any> {
  const module = await loadModuleFile(file);
  return evalModules({ modules: [...defaultModules, module], specialArgs: { pkgs: makePkgs() } }).config;
}

/** The service as JSON and its unit file: what the snapshot keeps. */
function snapshotOf(config: any, service: string): string {
  const json = renderJson(
    { [service]: config.systemd.services[service] },
    referenceCleaning(["systemd", "services"]),
  );
  return `${json}\n### ${service}.service\n${config.systemd.units[`${service}.service`].text}`;
}

const preStart = /^\/nix\/store\/[0-9a-f]{32}-pre-start\/bin\/pre-start$/;

describe("examples/overrides", () => {
  it("append-execstartpre.ts: the hook runs after the module's pre-start", async () => {
    const config = await evaluate("examples/overrides/append-execstartpre.ts");
    const pre = config.systemd.services["podman-proxy"].serviceConfig.ExecStartPre;
    expect(pre).toHaveLength(2);
    expect(pre[0]).toMatch(preStart);
    expect(pre[1]).toBe("/run/current-system/sw/bin/caddy validate --config /etc/caddy/Caddyfile");
    await expect(snapshotOf(config, "podman-proxy")).toMatchFileSnapshot(
      "__snapshots__/overrides/append-execstartpre.txt",
    );
  });

  it("prepend-execstartpre-mkbefore.ts: the hook runs first", async () => {
    const config = await evaluate("examples/overrides/prepend-execstartpre-mkbefore.ts");
    const pre = config.systemd.services["podman-db"].serviceConfig.ExecStartPre;
    expect(pre).toHaveLength(2);
    expect(pre[0]).toBe("/run/current-system/sw/bin/install -d -m 0700 /var/lib/shop-db");
    expect(pre[1]).toMatch(preStart);
    await expect(snapshotOf(config, "podman-db")).toMatchFileSnapshot(
      "__snapshots__/overrides/prepend-execstartpre-mkbefore.txt",
    );
  });

  it("force-restart.ts: mkForce replaces the module's Restart=always", async () => {
    const config = await evaluate("examples/overrides/force-restart.ts");
    const sc = config.systemd.services["podman-app"].serviceConfig;
    expect(sc.Restart).toBe("on-failure");
    expect(sc.RestartSec).toBe(5);
    expect(config.systemd.units["podman-app.service"].text).toContain("Restart=on-failure\n");
    await expect(snapshotOf(config, "podman-app")).toMatchFileSnapshot(
      "__snapshots__/overrides/force-restart.txt",
    );
  });

  it("prestart-alongside.ts: the user's preStart script and the module's pre-start both run", async () => {
    const config = await evaluate("examples/overrides/prestart-alongside.ts");
    const pre: string[] = config.systemd.services["podman-app"].serviceConfig.ExecStartPre;
    expect(pre.filter((p) => preStart.test(p))).toHaveLength(1);
    expect(
      pre.filter((p) => /-unit-script-podman-app-pre-start\/bin\/podman-app-pre-start$/.test(p)),
    ).toHaveLength(1);
    expect(pre[pre.length - 1]).toBe("/run/current-system/sw/bin/shop-migrate --wait-for db");
    await expect(snapshotOf(config, "podman-app")).toMatchFileSnapshot(
      "__snapshots__/overrides/prestart-alongside.txt",
    );
  });

  it("migrate-docker-containers.ts: the same services as the legacy docker-containers file, without the warning", async () => {
    const migrated = await evaluate("examples/overrides/migrate-docker-containers.ts");
    const legacy = await evaluate("examples/legacy/docker-containers.json");
    const services = (c: any) => renderJson(c.systemd.services, referenceCleaning(["systemd", "services"]));
    expect(services(migrated)).toBe(services(legacy));
    expect(migrated.warnings).toEqual([]);
    expect(legacy.warnings).toHaveLength(1);
    await expect(snapshotOf(migrated, "docker-registry")).toMatchFileSnapshot(
      "__snapshots__/overrides/migrate-docker-containers.txt",
    );
  });
});
