// What JSON cannot express: override modules written in TypeScript against the
// oci-containers module, with conditions that read config and ordered list
// definitions around the module's own pre-start script.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import type { ModuleArgs } from "../../src/lib/module-types.js";
import { mkAfter, mkBefore, mkForce, mkIf } from "../../src/lib/properties.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";

const host = {
  _file: "host.ts",
  config: {
    virtualisation: {
      "oci-containers": { containers: { web: { image: "nginx" }, db: { image: "postgres" } } },
    },
  },
};

const evaluate = (...modules: unknown[]): any =>
  evalModules({
    modules: [...defaultModules, host, ...(modules as object[])],
    specialArgs: { pkgs: makePkgs() },
  }).config;

const isPreStart = (p: string): boolean => /^\/nix\/store\/[0-9a-f]{32}-pre-start\/bin\/pre-start$/.test(p);

describe("override modules in TypeScript", () => {
  it("a condition reading config guards a definition of another option", () => {
    // Hooks only on podman hosts, for every container the host defines.
    const hooks = ({ config }: ModuleArgs) => ({
      _file: "hooks.ts",
      config: mkIf(() => config.virtualisation["oci-containers"].backend === "podman", {
        systemd: {
          get services() {
            const out: Record<string, unknown> = {};
            for (const name of Object.keys(config.virtualisation["oci-containers"].containers)) {
              out[`podman-${name}`] = { serviceConfig: { ExecStartPre: [`/etc/hooks/${name}`] } };
            }
            return out;
          },
        },
      }),
    });
    const podman = evaluate(hooks);
    expect(podman.systemd.services["podman-web"].serviceConfig.ExecStartPre).toHaveLength(2);
    expect(podman.systemd.services["podman-web"].serviceConfig.ExecStartPre[1]).toBe("/etc/hooks/web");
    expect(podman.systemd.services["podman-db"].serviceConfig.ExecStartPre[1]).toBe("/etc/hooks/db");

    const docker = evaluate(hooks, {
      _file: "docker.ts",
      virtualisation: { "oci-containers": { backend: "docker" } },
    });
    expect(docker.systemd.services["docker-web"].serviceConfig.ExecStartPre).toHaveLength(1);
    expect(isPreStart(docker.systemd.services["docker-web"].serviceConfig.ExecStartPre[0])).toBe(true);
  });

  it("mkBefore and mkAfter place hooks around the module's pre-start script", () => {
    const first = {
      _file: "first.ts",
      systemd: {
        services: { "podman-web": { serviceConfig: { ExecStartPre: mkBefore(["/hooks/first"]) } } },
      },
    };
    const last = {
      _file: "last.ts",
      systemd: { services: { "podman-web": { serviceConfig: { ExecStartPre: mkAfter(["/hooks/last"]) } } } },
    };
    const plain = {
      _file: "plain.ts",
      systemd: { services: { "podman-web": { serviceConfig: { ExecStartPre: ["/hooks/plain"] } } } },
    };
    const pre = evaluate(last, plain, first).systemd.services["podman-web"].serviceConfig
      .ExecStartPre as string[];
    expect(pre[0]).toBe("/hooks/first");
    expect(isPreStart(pre[1]!)).toBe(true);
    expect(pre.slice(2)).toEqual(["/hooks/plain", "/hooks/last"]);
    // The unit file lists them in the same order, one ExecStartPre= line each.
    const unit = evaluate(last, plain, first).systemd.units["podman-web.service"].text as string;
    const lines = unit.split("\n").filter((l) => l.startsWith("ExecStartPre="));
    expect(lines.map((l) => l.slice("ExecStartPre=".length))).toEqual(pre);
  });

  it("mkForce replaces the module's pre-start instead of appending", () => {
    const force = {
      _file: "force.ts",
      systemd: { services: { "podman-web": { serviceConfig: { ExecStartPre: mkForce(["/only"]) } } } },
    };
    expect(evaluate(force).systemd.services["podman-web"].serviceConfig.ExecStartPre).toEqual(["/only"]);
    expect(evaluate(force).systemd.services["podman-db"].serviceConfig.ExecStartPre).toHaveLength(1);
  });

  it("a preStart added next to the module's pre-start becomes a second ExecStartPre job script", () => {
    const extra = { _file: "extra.ts", systemd: { services: { "podman-web": { preStart: "echo hello" } } } };
    const svc = evaluate(extra).systemd.services["podman-web"];
    expect(svc.serviceConfig.ExecStartPre).toHaveLength(2);
    // Real Nix (checked with nix-instantiate on the reference harness) puts the job script of
    // preStart first: the service module's own definition comes before the oci-containers one
    // once the submodule's definitions are reversed into merge order.
    expect(svc.serviceConfig.ExecStartPre[0]).toMatch(
      /-unit-script-podman-web-pre-start\/bin\/podman-web-pre-start$/,
    );
    expect(isPreStart(svc.serviceConfig.ExecStartPre[1])).toBe(true);
  });
});

describe("serviceConfig definitions", () => {
  it("are checked through the cells the merge reads: a field's getter runs once", () => {
    let runs = 0;
    const tune = {
      _file: "tune.ts",
      config: {
        systemd: {
          services: {
            "podman-web": {
              serviceConfig: {
                // Checked (Type must be one of systemd's), then merged with the module's own.
                get Type() {
                  runs++;
                  return "notify";
                },
                get RestartSec() {
                  runs += 100; // read by no check: once, by the merge
                  return 5;
                },
              },
            },
          },
        },
      },
    };
    const sc = evaluate(tune).systemd.services["podman-web"].serviceConfig;
    expect([sc.Type, sc.RestartSec]).toEqual(["notify", 5]);
    expect(runs).toBe(101);
  });
});
