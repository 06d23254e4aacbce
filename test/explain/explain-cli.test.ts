/** `nixmod explain` and `nixmod options` as commands. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseOptionPath } from "../../src/cli/explain-command.js";

const root = new URL("../..", import.meta.url).pathname;
const nixmod = (...args: string[]) =>
  spawnSync(process.execPath, ["--conditions=nixmod-source", "--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });

describe("nixmod explain", () => {
  const dir = mkdtempSync(join(tmpdir(), "nixmod-explain-"));
  const host = join(dir, "host.json");
  const force = join(dir, "force.json");
  writeFileSync(
    host,
    JSON.stringify({
      virtualisation: { "oci-containers": { containers: { web: { image: "nginx:1.24" } } } },
    }),
  );
  writeFileSync(
    force,
    JSON.stringify({
      virtualisation: {
        "oci-containers": {
          containers: { web: { image: { _type: "override", priority: 50, content: "nginx:1.25" } } },
        },
      },
    }),
  );

  test("definitions from two files, the winner and why", () => {
    const r = nixmod("explain", "virtualisation.oci-containers.containers.web.image", host, force);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Value: "nginx:1.25"');
    expect(r.stdout).toContain(`${host}\n     value:    "nginx:1.24"`);
    expect(r.stdout).toContain("=> overridden: priority 100 loses to 50 (lower number wins)");
    expect(r.stdout).toContain(`${force}\n     value:    "nginx:1.25"\n     priority: 50 (mkForce)`);
  });

  test("--json, and errors", () => {
    const r = nixmod("explain", "--json", "virtualisation.oci-containers.containers.web.image", host);
    expect(JSON.parse(r.stdout)).toMatchObject({
      name: "virtualisation.oci-containers.containers.web.image",
      value: { ok: true, value: "nginx:1.24" },
    });
    const bad = nixmod("explain", "virtualisation.oci-containers.containres", host);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("The option `virtualisation.oci-containers.containres' does not exist.");
    expect(nixmod("explain").status).toBe(2);
  });

  test("option paths", () => {
    expect(parseOptionPath('systemd.units."podman-web.service".text')).toEqual([
      "systemd",
      "units",
      "podman-web.service",
      "text",
    ]);
    expect(parseOptionPath("a..b")).toBeNull();
    expect(parseOptionPath("a.")).toBeNull();
  });
});

describe("nixmod options", () => {
  test("--json lists containers.<name>.image", () => {
    const r = nixmod("options", "--json");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json["virtualisation.oci-containers.containers.<name>.image"]).toMatchObject({
      description: "OCI image to run.",
      declarations: ["oci-containers.nix"],
      loc: ["virtualisation", "oci-containers", "containers", "<name>", "image"],
    });
    expect(nixmod("options", "--json", "--markdown").status).toBe(2);
  });
});
