/**
 * What switching from one system to another does to its units: NixOS's switch-to-configuration
 * (switch-to-configuration-ng of NixOS 25.05, whose rules the manual's "Unit handling" section
 * writes down), ported to two sets of host files instead of a running machine.
 *
 * A running machine tells switch-to-configuration which units are active. Host files do not,
 * so one assumption stands in for it (ASSUMPTIONS): a unit runs in the old system when it is
 * not masked and a target wants it (a link in `<target>.wants/`, `.requires/` or `.upholds/`:
 * `wantedBy`, `requiredBy`, `upheldBy`), and the targets that want units are active.
 *
 * For each unit running in the old system, in name order:
 * - gone from the new system, or masked there: **stop**, unless the old unit says
 *   `[Unit] X-StopOnRemoval=false`;
 * - a `.target`: **start** (as every active target is; not listed, as NixOS does not list
 *   them) unless it sets `RefuseManualStart` or `X-OnlyManualStart` (or is one of the sleep
 *   targets); **stop** it first when it sets `X-StopOnReconfiguration=true`;
 * - otherwise the two files are compared parsed (compare-units.ts): equal, nothing; only reload
 *   keys changed, **reload**; anything else, handleModified:
 *   - `.path` and `.slice` units: nothing (systemd applies them when it reloads);
 *   - `.mount`: **restart**, but **reload** `-.mount` and `nix.mount` (never unmounted);
 *   - `.socket`: nothing (NixOS leaves changed sockets alone);
 *   - `[Service] X-ReloadIfChanged=true`: **reload** (unless already to be stopped or restarted);
 *   - `X-RestartIfChanged=false`, `[Unit] RefuseManualStop=true` or `X-OnlyManualStart=true`:
 *     **skip** (the user must restart it by hand);
 *   - `X-StopIfChanged=false`, or not a service: **restart**;
 *   - otherwise **stop** before the new system is activated, and **start** after; a
 *     socket-activated service (a running socket of its own, `[Service] Sockets=` or
 *     `<name>.socket`, unless `X-NotSocketActivated=true`) has its socket stopped and started
 *     instead, and is left for the socket to start.
 * Then every unit of the new system that a target wants and that did not run is **start**ed
 * (starting its target pulls it in).
 *
 * What systemd does on its own in the meantime (indirect effects) is said too: a running unit
 * that `Requires=`, `BindsTo=` or is `PartOf=` a unit that is stopped is stopped with it (and
 * started again when a target wants it), one that is to be reloaded is then started instead
 * (the manual's exception for units deactivated in the meantime); a unit bound so to a unit
 * that is restarted is restarted with it.
 */
import { compareUnits } from "./compare-units.js";
import { wantingTargets, type HostFiles } from "./host-files.js";
import { parseUnit, unitBool, unitNames, type UnitInfo } from "./unit-file.js";

/** What switching does to a unit, as NixOS lists it. */
export const ACTIONS = ["stop", "start", "restart", "reload", "skip"] as const;
export type Action = (typeof ACTIONS)[number];

/** What is assumed of the old system (said with every plan). */
export const ASSUMPTIONS: readonly string[] = [
  "a unit runs in the old system when it is not masked and a target wants it (wantedBy, requiredBy or upheldBy a .target); no other unit is taken as running",
  "the targets that want units (multi-user.target, ...) are active, and the switch starts them again, as NixOS starts every active target",
];

/** Something systemd does to a unit because of what happens to another. */
export interface IndirectEffect {
  readonly unit: string;
  /** stopped (and maybe started again), or restarted. */
  readonly effect: "stop" | "stop-start" | "restart" | "start";
  /** Why, in words: `Requires=podman-db.service, which is stopped`. */
  readonly because: string;
}

export interface SwitchDecisions {
  /** Each action's units, sorted as NixOS lists them (by name, case ignored). */
  readonly lists: Readonly<Record<Action, readonly string[]>>;
  /** Active targets started again, as every one is: not in `lists.start` (NixOS does not list them). */
  readonly targetsStarted: readonly string[];
  /** Why each unit that runs, or is new, got what it got (or nothing), in words. */
  readonly why: ReadonlyMap<string, string>;
  /** Did the unit run in the old system (by the assumption)? */
  readonly running: ReadonlySet<string>;
  readonly indirect: readonly IndirectEffect[];
}

/** NixOS's order of the lists it prints: by the lowercased name (then as is, for a fixed order). */
export const byUnitName = (a: string, b: string): number => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** Targets switch-to-configuration never restarts directly. */
const FIXED_TARGETS = new Set(["sysinit.target", "basic.target", "multi-user.target", "graphical.target"]);
/** Targets it never starts again (they may still be active after a resume). */
const SLEEP_TARGETS = new Set(["suspend.target", "hibernate.target", "hybrid-sleep.target"]);

/** The settings of the manual's rules, as the module option that writes each. */
const OPTION_OF: Readonly<Record<string, string>> = {
  "X-RestartIfChanged": "restartIfChanged = false",
  "X-ReloadIfChanged": "reloadIfChanged = true",
  "X-StopIfChanged": "stopIfChanged = false",
};
const setting = (key: string, value: string): string =>
  `${key}=${value}${OPTION_OF[key] === undefined ? "" : ` (${OPTION_OF[key]})`}`;

/** `foo` of `foo.service` (the name before the type). */
const baseName = (unit: string): string => /^(.*)\.[a-z]*$/.exec(unit)?.[1] ?? unit;

/** The plan: what switching from `old` to `next` does to each unit (see the file comment). */
export function decideSwitch(old: HostFiles, next: HostFiles): SwitchDecisions {
  const stop = new Set<string>();
  const start = new Set<string>();
  const restart = new Set<string>();
  const reload = new Set<string>();
  const skip = new Set<string>();
  const targetsStarted = new Set<string>();
  const why = new Map<string, string>();
  const say = (unit: string, text: string): void => void why.set(unit, text);

  const oldInfos = new Map<string, UnitInfo>();
  const newInfos = new Map<string, UnitInfo>();
  const infoOf = (host: HostFiles, cache: Map<string, UnitInfo>, unit: string): UnitInfo | null => {
    const text = host.units.get(unit);
    if (text === undefined || text === null) return null;
    let info = cache.get(unit);
    if (info === undefined) cache.set(unit, (info = parseUnit(text)));
    return info;
  };
  const oldInfo = (unit: string): UnitInfo | null => infoOf(old, oldInfos, unit);
  const newInfo = (unit: string): UnitInfo | null => infoOf(next, newInfos, unit);

  const runs = (host: HostFiles, unit: string): boolean =>
    typeof host.units.get(unit) === "string" && wantingTargets(host, unit).length > 0;
  const running = new Set([...old.units.keys()].filter((u) => runs(old, u)).sort(byUnitName));

  /** A running unit whose file changed so that a reload is not enough (the manual's list). */
  const handleModified = (unit: string, info: UnitInfo, difference: string): void => {
    if (FIXED_TARGETS.has(unit) || unit.endsWith(".path") || unit.endsWith(".slice")) {
      say(
        unit,
        `changed (${difference}); ${unit.slice(unit.lastIndexOf("."))} units are not restarted: systemd applies the change when it reloads`,
      );
    } else if (unit.endsWith(".mount")) {
      if (unit === "-.mount" || unit === "nix.mount") {
        reload.add(unit);
        say(
          unit,
          `changed (${difference}); reloaded (remounted), not restarted: NixOS never unmounts / or /nix`,
        );
      } else {
        restart.add(unit);
        say(unit, `changed (${difference}): restarted (unmounted and mounted again)`);
      }
    } else if (unit.endsWith(".socket")) {
      say(unit, `changed (${difference}); sockets are left as they are (NixOS does not restart them)`);
    } else if (
      unitBool(info, "Service", "X-ReloadIfChanged", false) &&
      !restart.has(unit) &&
      !stop.has(unit)
    ) {
      reload.add(unit);
      say(unit, `changed (${difference}); ${setting("X-ReloadIfChanged", "true")}: reloaded`);
    } else if (
      !unitBool(info, "Service", "X-RestartIfChanged", true) ||
      unitBool(info, "Unit", "RefuseManualStop", false) ||
      unitBool(info, "Unit", "X-OnlyManualStart", false)
    ) {
      skip.add(unit);
      const flag = !unitBool(info, "Service", "X-RestartIfChanged", true)
        ? setting("X-RestartIfChanged", "false")
        : unitBool(info, "Unit", "RefuseManualStop", false)
          ? "RefuseManualStop=true"
          : "X-OnlyManualStart=true";
      say(
        unit,
        `changed (${difference}), but ${flag}: NOT restarted; it keeps running as it is until you restart it by hand (systemctl restart ${unit})`,
      );
    } else if (!unitBool(info, "Service", "X-StopIfChanged", true) || !unit.endsWith(".service")) {
      restart.add(unit);
      reload.delete(unit);
      say(
        unit,
        unit.endsWith(".service")
          ? `changed (${difference}); ${setting("X-StopIfChanged", "false")}: restarted after the new system is activated`
          : `changed (${difference}): restarted (only services are stopped and started)`,
      );
    } else {
      let socketActivated = false;
      const listed = unitNames(info, "Service", "Sockets");
      const sockets = listed.length > 0 ? listed : [`${baseName(unit)}.socket`];
      const restartedSockets: string[] = [];
      for (const socket of sockets) {
        if (!running.has(socket)) continue;
        stop.add(socket);
        if (next.units.has(socket)) {
          start.add(socket);
          restartedSockets.push(socket);
          socketActivated = true;
        }
        reload.delete(unit);
      }
      if (unitBool(info, "Service", "X-NotSocketActivated", false)) socketActivated = false;
      if (!socketActivated) start.add(unit);
      stop.add(unit);
      reload.delete(unit);
      say(
        unit,
        socketActivated
          ? `changed (${difference}): stopped with its socket ${restartedSockets.join(", ")}; the socket is started again and starts the service when it is needed`
          : `changed (${difference}): stopped before the new system is activated, then started (X-StopIfChanged, the default)`,
      );
    }
  };

  for (const unit of running) {
    const before = oldInfo(unit)!;
    const after = newInfo(unit);
    if (after === null) {
      const how = next.units.has(unit) ? "masked (disabled) in the new system" : "gone from the new system";
      if (unitBool(before, "Unit", "X-StopOnRemoval", true)) {
        stop.add(unit);
        say(unit, `${how}: stopped`);
      } else {
        say(unit, `${how}, but it sets X-StopOnRemoval=false: left running`);
      }
    } else if (unit.endsWith(".target")) {
      const notes: string[] = [];
      if (
        !SLEEP_TARGETS.has(unit) &&
        !unitBool(after, "Unit", "RefuseManualStart", false) &&
        !unitBool(after, "Unit", "X-OnlyManualStart", false)
      ) {
        start.add(unit);
        targetsStarted.add(unit);
        notes.push("started again, as every active target is (not listed)");
      } else {
        notes.push("not started again (RefuseManualStart, X-OnlyManualStart or a sleep target)");
      }
      if (unitBool(after, "Unit", "X-StopOnReconfiguration", false)) {
        stop.add(unit);
        notes.unshift("stopped first (X-StopOnReconfiguration=true)");
      }
      say(unit, `a target: ${notes.join(", then ")}`);
    } else {
      const c = compareUnits(before, after);
      if (c.kind === "restart") handleModified(unit, after, c.key);
      else if (c.kind === "reload") {
        if (!restart.has(unit)) {
          reload.add(unit);
          say(unit, `only ${c.keys.join(" and ")} changed: reloaded`);
        }
      } else if (old.units.get(unit) !== next.units.get(unit)) {
        say(
          unit,
          "its file changed, but not in anything a running unit needs (compared parsed): nothing to do",
        );
      }
    }
  }

  // Units that did not run and that a target wants now: starting the target starts them.
  for (const unit of [...next.units.keys()].sort(byUnitName)) {
    if (running.has(unit) || !runs(next, unit)) continue;
    start.add(unit);
    const targets = wantingTargets(next, unit).join(", ");
    say(
      unit,
      !old.units.has(unit)
        ? `new, wanted by ${targets}: started`
        : old.units.get(unit) === null
          ? `enabled (it was masked), wanted by ${targets}: started`
          : `did not run (no target wanted it), now wanted by ${targets}: started`,
    );
  }

  const indirect = indirectEffects(old, next, running, oldInfo, newInfo, { stop, start, restart });
  // The manual's exception: a unit to be reloaded that systemd stopped in the meantime (it
  // requires a unit that was stopped) is started instead, unless it refuses a manual start.
  for (const e of indirect) {
    if (!reload.has(e.unit) || (e.effect !== "stop" && e.effect !== "stop-start")) continue;
    reload.delete(e.unit);
    const info = newInfo(e.unit);
    const startable =
      !unitBool(info, "Unit", "RefuseManualStart", false) ||
      unitBool(info, "Unit", "X-OnlyManualStart", false);
    if (startable) start.add(e.unit);
    say(
      e.unit,
      `${why.get(e.unit) ?? "changed"}; but it is stopped in the meantime (${e.because}), so it is ${startable ? "started instead of reloaded" : "not reloaded (RefuseManualStart=true)"}`,
    );
  }

  const sorted = (s: Set<string>, except: Set<string> = new Set()): string[] =>
    [...s].filter((u) => !except.has(u)).sort(byUnitName);
  return {
    lists: {
      stop: sorted(stop),
      start: sorted(start, targetsStarted),
      restart: sorted(restart),
      reload: sorted(reload),
      skip: sorted(skip),
    },
    targetsStarted: sorted(targetsStarted),
    why,
    running,
    indirect,
  };
}

/** The dependencies through which systemd passes a stop (or a restart) on to a unit. */
const BOUND_KEYS = ["Requires", "BindsTo", "PartOf"] as const;

/**
 * What systemd does to running units because of the switch's jobs on others: a stop passes to
 * the units that require, bind to or are part of the stopped unit (as they are loaded then:
 * the old files), a restart to those of the new files (loaded by then). A unit stopped so is
 * started again when a target wants it in the new system.
 */
function indirectEffects(
  old: HostFiles,
  next: HostFiles,
  running: ReadonlySet<string>,
  oldInfo: (u: string) => UnitInfo | null,
  newInfo: (u: string) => UnitInfo | null,
  jobs: { stop: ReadonlySet<string>; start: ReadonlySet<string>; restart: ReadonlySet<string> },
): IndirectEffect[] {
  const boundTo = (info: UnitInfo | null, others: ReadonlySet<string>): string | null => {
    if (info === null) return null;
    for (const key of BOUND_KEYS) {
      const hit = unitNames(info, "Unit", key).find((u) => others.has(u));
      if (hit !== undefined) return `${key}=${hit}`;
    }
    return null;
  };
  const effects: IndirectEffect[] = [];
  const wantedAfter = (u: string): string[] =>
    typeof next.units.get(u) === "string" ? wantingTargets(next, u) : [];

  // Stops, passed on until nothing more is stopped.
  const stopped = new Set(jobs.stop);
  const stoppedBy = new Map<string, string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const u of running) {
      if (stopped.has(u)) continue;
      const via = boundTo(oldInfo(u), stopped);
      if (via === null) continue;
      stopped.add(u);
      stoppedBy.set(u, via);
      grew = true;
    }
  }
  for (const [u, via] of [...stoppedBy].sort(([a], [b]) => byUnitName(a, b))) {
    const targets = wantedAfter(u);
    const again = jobs.start.has(u) || targets.length > 0;
    effects.push({
      unit: u,
      effect: again ? "stop-start" : "stop",
      because:
        `${via}, which is stopped` +
        (jobs.start.has(u)
          ? ""
          : targets.length > 0
            ? `; started again by ${targets.join(", ")}`
            : "; not started again"),
    });
  }
  // Stopped by the switch and not started by it, but wanted by a target that is started.
  for (const u of [...jobs.stop].sort(byUnitName)) {
    if (jobs.start.has(u) || old.units.get(u) === undefined) continue;
    const targets = wantedAfter(u);
    if (targets.length === 0) continue;
    effects.push({
      unit: u,
      effect: "start",
      because: `stopped, then started again by ${targets.join(", ")}, which wants it`,
    });
  }
  // Restarts, passed on (after the new system is loaded: the new files' dependencies).
  const restarted = new Set(jobs.restart);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of running) {
      if (restarted.has(u) || stopped.has(u) || !next.units.has(u)) continue;
      const via = boundTo(newInfo(u), restarted);
      if (via === null) continue;
      restarted.add(u);
      effects.push({ unit: u, effect: "restart", because: `${via}, which is restarted` });
      grew = true;
    }
  }
  return effects;
}
