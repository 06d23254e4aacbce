// Every rule of the NixOS manual's "Unit handling" section (and of switch-to-configuration's
// code behind it) that applies to units nixmod writes, on hosts evaluated as `nixmod build`
// evaluates them: services (systemd.services) and units of every other kind (systemd.units).
import { describe, expect, it } from "vitest";
import { mkForce } from "../../src/index.js";
import { diffModules } from "../../src/diff/index.js";
import { lists, only, service, unit, unitOf } from "./helpers.js";

const S = "app.service";

describe("a unit gone from the new system", () => {
  it("is stopped", () => {
    const d = diffModules([service("app")], []);
    expect(lists(d)).toEqual(only({ stop: [S] }));
    expect(unitOf(d, S)).toMatchObject({ change: "removed", running: true, actions: ["stop"] });
    expect(unitOf(d, S).why).toBe("gone from the new system: stopped");
  });

  it("is left running when it sets X-StopOnRemoval=false", () => {
    const keep = service("app", { unitConfig: { "X-StopOnRemoval": false } });
    const d = diffModules([keep], []);
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, S).why).toBe(
      "gone from the new system, but it sets X-StopOnRemoval=false: left running",
    );
    expect(d.changed).toBe(true);
  });

  it("is stopped when it is disabled (masked) in the new system", () => {
    const d = diffModules([service("app")], [service("app", { enable: false })]);
    expect(lists(d)).toEqual(only({ stop: [S] }));
    expect(unitOf(d, S)).toMatchObject({ change: "disabled", actions: ["stop"] });
  });

  it("is not stopped when it did not run (no target wanted it)", () => {
    const d = diffModules([service("app", { wantedBy: [] })], []);
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, S)).toMatchObject({ change: "removed", running: false, actions: [] });
  });
});

describe("a target unit", () => {
  const target = (extra = "") => unit("stack.target", `[Unit]\nDescription=The stack\n${extra}`);

  it("is started again, as every active target is, and not listed (NixOS does not list them)", () => {
    const d = diffModules([target()], [target()]);
    expect(d.targetsStarted).toEqual(["stack.target"]);
    expect(lists(d)).toEqual(only({}));
    expect(d.changed).toBe(false);
  });

  it("is not started again when it sets RefuseManualStart or X-OnlyManualStart", () => {
    for (const flag of ["RefuseManualStart=true", "X-OnlyManualStart=yes"]) {
      const d = diffModules([target(flag)], [target(flag)]);
      expect(d.targetsStarted, flag).toEqual([]);
      expect(unitOf(d, "stack.target").why).toContain("not started again");
    }
  });

  it("is stopped first when it sets X-StopOnReconfiguration=true", () => {
    const d = diffModules([target()], [target("X-StopOnReconfiguration=true")]);
    expect(lists(d)).toEqual(only({ stop: ["stack.target"] }));
    expect(d.targetsStarted).toEqual(["stack.target"]);
    expect(unitOf(d, "stack.target").why).toBe(
      "a target: stopped first (X-StopOnReconfiguration=true), then started again, as every active target is (not listed)",
    );
  });

  it("is not compared: a changed target is only started again", () => {
    const d = diffModules(
      [target()],
      [unit("stack.target", "[Unit]\nDescription=The stack\nAfter=network.target\n")],
    );
    expect(lists(d)).toEqual(only({}));
    expect(d.targetsStarted).toEqual(["stack.target"]);
  });
});

describe("unit files are compared parsed", () => {
  it("layout, comments and the order of sections and keys are no change", () => {
    const a = "[Unit]\nAfter=a.service\n\n[Service]\nExecStart=/bin/x\nType=simple\n";
    const b =
      "# same unit\n[Service]\nType = simple\n\n\nExecStart=/bin/x\n[Unit]\n; again\nAfter=a.service\n";
    const d = diffModules([unit("x.service", a)], [unit("x.service", b)]);
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, "x.service")).toMatchObject({ change: "changed", actions: [] });
    expect(unitOf(d, "x.service").why).toContain("compared parsed");
  });

  it("a change of [Unit] keys no running unit needs (Description, Documentation, OnFailure) is nothing to do", () => {
    const d = diffModules(
      [service("app", { description: "one", documentation: ["https://a"] })],
      [service("app", { description: "two", onFailure: ["alert.service"] })],
    );
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, S).diff).toContain("+Description=two");
  });

  it("an empty value resets a key: the same unit as the values after it", () => {
    const d = diffModules(
      [unit("x.service", "[Service]\nExecStart=/bin/old\nExecStart=\nExecStart=/bin/x\n")],
      [unit("x.service", "[Service]\nExecStart=/bin/x\n")],
    );
    expect(lists(d)).toEqual(only({}));
  });
});

describe("only X-Reload-Triggers changed", () => {
  it("reloads (systemd.services.<name>.reloadTriggers)", () => {
    const d = diffModules(
      [service("app", { reloadTriggers: ["one"] })],
      [service("app", { reloadTriggers: ["two"] })],
    );
    expect(lists(d)).toEqual(only({ reload: [S] }));
    expect(unitOf(d, S).why).toBe("only [Unit] X-Reload-Triggers changed: reloaded");
    // The triggers are a file of the store: its new version is shown.
    expect(d.scripts.find((s) => s.role === "the reloadTriggers")?.diff).toMatch(/-one\n\+two/);
  });

  it("reloads when triggers are set for the first time, and does nothing when they are removed", () => {
    expect(lists(diffModules([service("app")], [service("app", { reloadTriggers: ["x"] })]))).toEqual(
      only({ reload: [S] }),
    );
    expect(lists(diffModules([service("app", { reloadTriggers: ["x"] })], [service("app")]))).toEqual(
      only({}),
    );
  });

  it("restartTriggers are no reload triggers: stop and start", () => {
    const d = diffModules(
      [service("app", { restartTriggers: ["one"] })],
      [service("app", { restartTriggers: ["two"] })],
    );
    expect(lists(d)).toEqual(only({ stop: [S], start: [S] }));
    expect(unitOf(d, S).why).toContain("changed ([Unit] X-Restart-Triggers)");
  });
});

describe(".path and .slice units", () => {
  it("are not restarted: systemd applies the change when it reloads", () => {
    for (const [name, section] of [
      ["watch.path", "[Path]\nPathExists=/run/a\n"],
      ["shop.slice", "[Slice]\nMemoryMax=1G\n"],
    ] as const) {
      const d = diffModules([unit(name, section)], [unit(name, section.replace(/a$|1G/m, "2G"))]);
      expect(lists(d), name).toEqual(only({}));
      expect(unitOf(d, name).why).toMatch(
        /units are not restarted: systemd applies the change when it reloads$/,
      );
    }
  });
});

describe(".mount units", () => {
  const mount = (name: string, what: string, options: string) =>
    unit(name, `[Mount]\nWhat=${what}\nWhere=/srv\nType=ext4\nOptions=${options}\n`, {
      wantedBy: ["local-fs.target"],
    });

  it("are reloaded (remounted) when only their Options changed", () => {
    const d = diffModules([mount("srv.mount", "/dev/sda1", "rw")], [mount("srv.mount", "/dev/sda1", "ro")]);
    expect(lists(d)).toEqual(only({ reload: ["srv.mount"] }));
    expect(unitOf(d, "srv.mount").why).toBe("only [Mount] Options changed: reloaded");
  });

  it("are restarted when anything else changed (What)", () => {
    const d = diffModules([mount("srv.mount", "/dev/sda1", "rw")], [mount("srv.mount", "/dev/sdb1", "rw")]);
    expect(lists(d)).toEqual(only({ restart: ["srv.mount"] }));
  });

  it("are reloaded, never unmounted, when they mount / or /nix", () => {
    for (const name of ["-.mount", "nix.mount"]) {
      const d = diffModules([mount(name, "/dev/sda1", "rw")], [mount(name, "/dev/sdb1", "rw")]);
      expect(lists(d), name).toEqual(only({ reload: [name] }));
      expect(unitOf(d, name).why).toContain("NixOS never unmounts / or /nix");
    }
  });
});

describe(".socket units", () => {
  it("are left as they are when they changed", () => {
    const socket = (port: number) =>
      unit("app.socket", `[Socket]\nListenStream=${port}\n`, { wantedBy: ["sockets.target"] });
    const d = diffModules([socket(80)], [socket(8080)]);
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, "app.socket").why).toContain("sockets are left as they are");
  });
});

describe("the other units (services): when they changed", () => {
  const changed = (extra: Record<string, unknown> = {}) =>
    diffModules(
      [service("app", { ...extra, environment: { V: "1" } })],
      [service("app", { ...extra, environment: { V: "2" } })],
    );

  it("are stopped and started (X-StopIfChanged, the default)", () => {
    const d = changed();
    expect(lists(d)).toEqual(only({ stop: [S], start: [S] }));
    expect(unitOf(d, S).why).toBe(
      "changed ([Service] Environment): stopped before the new system is activated, then started (X-StopIfChanged, the default)",
    );
  });

  it("are restarted with X-StopIfChanged=false (stopIfChanged = false)", () => {
    const d = changed({ stopIfChanged: false });
    expect(lists(d)).toEqual(only({ restart: [S] }));
    expect(unitOf(d, S).why).toContain("X-StopIfChanged=false (stopIfChanged = false): restarted");
  });

  it("are reloaded with X-ReloadIfChanged=true (reloadIfChanged = true)", () => {
    const d = changed({ reloadIfChanged: true });
    expect(lists(d)).toEqual(only({ reload: [S] }));
    expect(unitOf(d, S).why).toContain("X-ReloadIfChanged=true (reloadIfChanged = true): reloaded");
  });

  it("are skipped with X-RestartIfChanged=false, RefuseManualStop or X-OnlyManualStart: the user must restart them", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ restartIfChanged: false }, "X-RestartIfChanged=false (restartIfChanged = false)"],
      [{ unitConfig: { RefuseManualStop: true } }, "RefuseManualStop=true"],
      [{ unitConfig: { "X-OnlyManualStart": true } }, "X-OnlyManualStart=true"],
    ];
    for (const [extra, flag] of cases) {
      const d = changed(extra);
      expect(lists(d), flag).toEqual(only({ skip: [S] }));
      expect(unitOf(d, S).why).toBe(
        `changed ([Service] Environment), but ${flag}: NOT restarted; it keeps running as it is until you restart it by hand (systemctl restart app.service)`,
      );
    }
  });

  it("other kinds than services (a timer) are restarted, not stopped and started", () => {
    const timer = (at: string) =>
      unit("backup.timer", `[Timer]\nOnCalendar=${at}\n`, { wantedBy: ["timers.target"] });
    expect(lists(diffModules([timer("daily")], [timer("hourly")]))).toEqual(
      only({ restart: ["backup.timer"] }),
    );
  });

  it("do nothing when they do not run (no target wants them): the new file applies at their next start", () => {
    const d = diffModules(
      [service("app", { wantedBy: [], environment: { V: "1" } })],
      [service("app", { wantedBy: [], environment: { V: "2" } })],
    );
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, S)).toMatchObject({ change: "changed", running: false });
    expect(unitOf(d, S).why).toContain("it does not run (no target wants it): nothing to do");
  });
});

describe("socket-activated services", () => {
  const socket = unit("app.socket", "[Socket]\nListenStream=8080\n", { wantedBy: ["sockets.target"] });
  // (The service runs: a target wants it. A service only its socket starts is not taken as running.)
  const app = (v: string, extra: Record<string, unknown> = {}) =>
    service("app", { environment: { V: v }, ...extra });

  it("with X-StopIfChanged: the service and its socket are stopped, and only the socket started", () => {
    const d = diffModules([socket, app("1")], [socket, app("2")]);
    expect(lists(d)).toEqual(only({ stop: ["app.service", "app.socket"], start: ["app.socket"] }));
    expect(unitOf(d, S).why).toContain("stopped with its socket app.socket; the socket is started again");
  });

  it("a socket named by [Service] Sockets= is the service's socket", () => {
    const other = unit("web.socket", "[Socket]\nListenStream=80\n", { wantedBy: ["sockets.target"] });
    const named = (v: string) => app(v, { serviceConfig: { Sockets: "web.socket" } });
    const d = diffModules([other, named("1")], [other, named("2")]);
    expect(lists(d)).toEqual(only({ stop: ["app.service", "web.socket"], start: ["web.socket"] }));
  });

  it("X-NotSocketActivated=true: the service is started too", () => {
    const not = (v: string) => app(v, { serviceConfig: { "X-NotSocketActivated": true } });
    const d = diffModules([socket, not("1")], [socket, not("2")]);
    expect(lists(d)).toEqual(
      only({ stop: ["app.service", "app.socket"], start: ["app.service", "app.socket"] }),
    );
  });

  it("without X-StopIfChanged: the service is restarted with the others", () => {
    const d = diffModules(
      [socket, app("1", { stopIfChanged: false })],
      [socket, app("2", { stopIfChanged: false })],
    );
    expect(lists(d)).toEqual(only({ restart: [S] }));
  });

  it("a socket that is not running makes no socket activation", () => {
    const idle = unit("app.socket", "[Socket]\nListenStream=8080\n", { wantedBy: [] });
    const d = diffModules(
      [idle, service("app", { environment: { V: "1" } })],
      [idle, service("app", { environment: { V: "2" } })],
    );
    expect(lists(d)).toEqual(only({ stop: [S], start: [S] }));
  });
});

describe("new units", () => {
  it("are started when a target wants them", () => {
    const d = diffModules([], [service("app")]);
    expect(lists(d)).toEqual(only({ start: [S] }));
    expect(unitOf(d, S)).toMatchObject({ change: "added", running: false, wanted: true });
    expect(unitOf(d, S).why).toBe("new, wanted by multi-user.target: started");
    expect(d.links).toEqual([
      { path: "multi-user.target.wants/app.service", old: null, new: "../app.service" },
    ]);
  });

  it("are not started when no target wants them", () => {
    const d = diffModules([], [service("app", { wantedBy: [] })]);
    expect(lists(d)).toEqual(only({}));
    expect(unitOf(d, S)).toMatchObject({ change: "added", actions: [] });
  });

  it("a unit that did not run and that a target wants now is started; one enabled again too", () => {
    expect(lists(diffModules([service("app", { wantedBy: [] })], [service("app")]))).toEqual(
      only({ start: [S] }),
    );
    const d = diffModules([service("app", { enable: false })], [service("app")]);
    expect(lists(d)).toEqual(only({ start: [S] }));
    expect(unitOf(d, S).why).toBe("enabled (it was masked), wanted by multi-user.target: started");
  });

  it("requiredBy and upheldBy a target count as wanted", () => {
    expect(
      lists(diffModules([], [service("app", { wantedBy: [], requiredBy: ["multi-user.target"] })])),
    ).toEqual(only({ start: [S] }));
  });
});

describe("what systemd does meanwhile", () => {
  it("a running unit that requires a stopped one is stopped too, and started again by its target", () => {
    const db = (v: string) => service("db", { environment: { V: v } });
    const web = service("web", { requires: ["db.service"], after: ["db.service"] });
    const d = diffModules([db("1"), web], [db("2"), web]);
    expect(lists(d)).toEqual(only({ stop: ["db.service"], start: ["db.service"] }));
    expect(d.indirect).toEqual([
      {
        unit: "web.service",
        effect: "stop-start",
        because: "Requires=db.service, which is stopped; started again by multi-user.target",
      },
    ]);
    expect(unitOf(d, "web.service")).toMatchObject({ change: "unchanged", actions: [] });
  });

  it("a unit to be reloaded that is stopped meanwhile is started instead (the manual's exception)", () => {
    const db = (v: string) => service("db", { environment: { V: v } });
    const web = (v: string) =>
      service("web", { requires: ["db.service"], reloadIfChanged: true, environment: { V: v } });
    const d = diffModules([db("1"), web("1")], [db("2"), web("2")]);
    expect(lists(d)).toEqual(only({ stop: ["db.service"], start: ["db.service", "web.service"] }));
    expect(unitOf(d, "web.service").why).toMatch(/so it is started instead of reloaded$/);
  });

  it("a unit bound to a restarted one is restarted with it", () => {
    const db = (v: string) => service("db", { stopIfChanged: false, environment: { V: v } });
    const web = service("web", { bindsTo: ["db.service"] });
    const d = diffModules([db("1"), web], [db("2"), web]);
    expect(lists(d)).toEqual(only({ restart: ["db.service"] }));
    expect(d.indirect).toEqual([
      { unit: "web.service", effect: "restart", because: "BindsTo=db.service, which is restarted" },
    ]);
  });

  it("a stopped socket-activated service that a target wants is started by the target", () => {
    const socket = unit("app.socket", "[Socket]\nListenStream=8080\n", { wantedBy: ["sockets.target"] });
    const d = diffModules(
      [socket, service("app", { environment: { V: "1" } })],
      [socket, service("app", { environment: { V: "2" } })],
    );
    expect(lists(d)).toEqual(only({ stop: ["app.service", "app.socket"], start: ["app.socket"] }));
    expect(d.indirect).toEqual([
      {
        unit: "app.service",
        effect: "start",
        because: "stopped, then started again by multi-user.target, which wants it",
      },
    ]);
  });
});

describe("no change", () => {
  it("the same modules: nothing changed, nothing to do", () => {
    const d = diffModules(
      [service("app")],
      [service("app", { script: mkForce("exec /run/current-system/sw/bin/app") })],
    );
    expect(d.changed).toBe(false);
    expect(lists(d)).toEqual(only({}));
    expect(d.units).toEqual([]);
  });
});
