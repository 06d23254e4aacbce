// For each container a switch creates again: why, in the terms of the container's options.
import { describe, expect, it } from "vitest";
import { mkBefore, mkForce } from "../../src/index.js";
import { containerRun, diffModules } from "../../src/diff/index.js";
import host from "../../examples/host.js";
import hooks from "../../examples/hooks.js";
import prestartAlongside from "../../examples/overrides/prestart-alongside.js";
import { lists, only, unitOf } from "./helpers.js";

type Attrs = Record<string, unknown>;
const container = (name: string, settings: Attrs): Attrs => ({
  virtualisation: { "oci-containers": { containers: { [name]: settings } } },
});
const reasonsOf = (d: ReturnType<typeof diffModules>, unit: string) => unitOf(d, unit).container?.reasons;

describe("why a container is created again", () => {
  it("its image", () => {
    const d = diffModules(
      [host],
      [host, container("app", { image: mkForce("registry.example.com/shop/app:2.5.0") })],
    );
    expect(lists(d)).toEqual(only({ stop: ["podman-app.service"], start: ["podman-app.service"] }));
    expect(unitOf(d, "podman-app.service").container).toEqual({
      name: "app",
      backend: "podman",
      reasons: ["image: registry.example.com/shop/app:2.4.1 → registry.example.com/shop/app:2.5.0"],
    });
  });

  it("its environment, ports and volumes, option by option", () => {
    const d = diffModules(
      [host],
      [
        host,
        container("app", { environment: { LOG_LEVEL: mkForce("debug"), FEATURE: "new checkout" } }),
        container("proxy", { ports: ["8443:8443"], volumes: mkForce(["caddy-data:/data"]) }),
      ],
    );
    expect(reasonsOf(d, "podman-app.service")).toEqual([
      "environment: FEATURE added (new checkout), LOG_LEVEL changed (info → debug)",
    ]);
    expect(reasonsOf(d, "podman-proxy.service")).toEqual([
      "ports: added 8443:8443",
      "volumes: removed /etc/caddy/Caddyfile:/etc/caddy/Caddyfile:ro",
    ]);
  });

  it("its pre-start script: the image file, the registry login", () => {
    const image = {
      type: "derivation",
      name: "docker-image-shop-app.tar.gz",
      outPath: "/nix/store/0b7f1c0d2b3e4f5a6b7c8d9e0f1a2b3c-docker-image-shop-app.tar.gz",
    };
    const d = diffModules(
      [host],
      [
        host,
        container("app", { imageFile: mkForce(image) }),
        container("worker", { login: { username: mkForce("ci") } }),
      ],
    );
    expect(reasonsOf(d, "podman-app.service")).toEqual([
      "the pre-start script changed: imageFile: /nix/store/9a7f1c0d2b3e4f5a6b7c8d9e0f1a2b3c-docker-image-shop-app.tar.gz → /nix/store/0b7f1c0d2b3e4f5a6b7c8d9e0f1a2b3c-docker-image-shop-app.tar.gz",
    ]);
    expect(reasonsOf(d, "podman-worker.service")).toEqual([
      "the pre-start script changed: login: registry registry.example.com, username deploy, passwordFile /run/secrets/registry-password → registry registry.example.com, username ci, passwordFile /run/secrets/registry-password",
    ]);
    // The script's diff is shown, named by what it is.
    const pre = d.scripts.filter((s) => s.role === "the container's pre-start script");
    expect(pre.map((s) => s.usedBy)).toEqual([["podman-app.service"], ["podman-worker.service"]]);
    expect(pre[1]!.diff).toContain("+--username ci \\");
  });

  it("a hook appended to ExecStartPre, or put before the module's script", () => {
    const noHooks = { ...host, imports: [] }; // the host without examples/hooks.ts
    const appended = diffModules([noHooks], [noHooks, hooks]);
    expect(lists(appended)).toEqual(only({ stop: ["podman-app.service"], start: ["podman-app.service"] }));
    expect(reasonsOf(appended, "podman-app.service")).toEqual([
      "a hook appended to ExecStartPre (after the module's pre-start script): /run/current-system/sw/bin/shop-migrate --wait-for db",
    ]);
    const before = {
      systemd: {
        services: { "podman-db": { serviceConfig: { ExecStartPre: mkBefore(["/bin/install -d /srv/db"]) } } },
      },
    };
    expect(reasonsOf(diffModules([host], [host, before]), "podman-db.service")).toEqual([
      "a hook put in ExecStartPre before the module's pre-start script: /bin/install -d /srv/db",
    ]);
    expect(reasonsOf(diffModules([noHooks, hooks], [noHooks]), "podman-app.service")).toEqual([
      "a hook removed from ExecStartPre: /run/current-system/sw/bin/shop-migrate --wait-for db",
    ]);
  });

  it("a preStart script beside the module's (it runs first): a hook that is a store script, named by what it is", () => {
    const d = diffModules([host], [prestartAlongside]);
    const [reason] = reasonsOf(d, "podman-app.service")!;
    expect(reason).toMatch(
      /^a hook put in ExecStartPre before the module's pre-start script: the preStart script, \/nix\/store\/[0-9a-z]{32}-unit-script-podman-app-pre-start\/bin\/podman-app-pre-start$/,
    );
  });

  it("a unit that requires a container's unit that is stopped: created again too, and said why", () => {
    const d = diffModules([host], [host, container("app", { cmd: mkForce(["--port=8080", "--workers=8"]) })]);
    expect(lists(d)).toEqual(only({ stop: ["podman-app.service"], start: ["podman-app.service"] }));
    expect(reasonsOf(d, "podman-app.service")).toEqual([
      "cmd: --port=8080 --workers=4 → --port=8080 --workers=8",
    ]);
    expect(unitOf(d, "podman-proxy.service").container).toEqual({
      name: "proxy",
      backend: "podman",
      reasons: ["its unit Requires=podman-app.service, which is stopped; started again by multi-user.target"],
    });
  });

  it("settings of the unit beside the container's options, and the other scripts by what they are", () => {
    const d = diffModules(
      [host],
      [
        host,
        {
          systemd: {
            services: { "podman-db": { serviceConfig: { TimeoutStopSec: mkForce(300) }, preStop: "sync" } },
          },
        },
      ],
    );
    expect(reasonsOf(d, "podman-db.service")).toEqual([
      "the preStop script ([Service] ExecStop=) changed",
      "[Service] TimeoutStopSec= 120 → 300",
    ]);
  });

  it("a container that is not created again gets no report: reloaded, or only a [Unit] description changed", () => {
    const d = diffModules(
      [host],
      [host, { systemd: { services: { "podman-db": { description: "the database" } } } }],
    );
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, "podman-db.service").container).toBeNull();
  });
});

describe("containerRun: the container of a start script", () => {
  it("reads both revisions' scripts alike (quoting and order of the module's own flags aside)", () => {
    const seed =
      "#!/bin/bash\nset -e\nexec podman run \\\n --rm \\\n --name='app' \\\n --log-driver=journald \\\n -e 'LOG_LEVEL'='info' \\\n -p '80:80' \\\n '--network=shop' \\\n registry.example.com/shop/app:2.4.1 \\\n '--port=8080'\n";
    const now =
      "#!/bin/bash\nset -e\nexec podman  \\\n  run \\\n  --name=app \\\n  --log-driver=journald \\\n  -e LOG_LEVEL=info \\\n  -p 80:80 \\\n  --rm \\\n  --network=shop \\\n  registry.example.com/shop/app:2.4.1 \\\n  '--port=8080'\n";
    const a = containerRun(seed)!;
    const b = containerRun(now)!;
    expect(a).toEqual(b);
    expect(b).toEqual({
      backend: "podman",
      name: "app",
      image: "registry.example.com/shop/app:2.4.1",
      options: new Map([
        ["log-driver", ["journald"]],
        ["environment", ["LOG_LEVEL=info"]],
        ["ports", ["80:80"]],
        ["autoRemoveOnStop", ["--rm"]],
        ["networks", ["shop"]],
        ["cmd", ["--port=8080"]],
      ]),
    });
  });

  it("docker, extra options and values with spaces; a script that runs no container is none", () => {
    const r = containerRun(
      "#!/bin/bash\nset -e\nexec docker  \\\n  run \\\n  --name=web \\\n  -e MOTD='hello world' \\\n  '--health-cmd=curl -f localhost' \\\n  nginx:1.27\n",
    )!;
    expect(r.backend).toBe("docker");
    expect(r.options.get("environment")).toEqual(["MOTD=hello world"]);
    expect(r.options.get("extraOptions")).toEqual(["--health-cmd=curl -f localhost"]);
    expect(r.image).toBe("nginx:1.27");
    expect(containerRun("#!/bin/bash\nset -e\nexec /run/current-system/sw/bin/app\n")).toBeNull();
  });
});
