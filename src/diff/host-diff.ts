/**
 * The diff of two hosts: what switching does (switch-plan.ts), and what changed, unit by unit
 * (with, for each container created again, why in the terms of its options), link by link
 * and store file by store file.
 */
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import { containerReport, type ContainerReport } from "./container-changes.js";
import type { HostFiles } from "./host-files.js";
import { wantingTargets } from "./host-files.js";
import { unifiedDiff } from "./line-diff.js";
import { scriptChanges, type ScriptChange } from "./script-pairs.js";
import {
  ACTIONS,
  ASSUMPTIONS,
  byUnitName,
  decideSwitch,
  type Action,
  type IndirectEffect,
} from "./switch-plan.js";
import { parseUnit } from "./unit-file.js";

/** What happened to a unit's file. */
export type UnitChange = "added" | "removed" | "enabled" | "disabled" | "changed" | "unchanged";

export interface UnitReport {
  readonly name: string;
  readonly change: UnitChange;
  /** Did it run in the old system (by the assumption: a target wanted it)? */
  readonly running: boolean;
  /** Does a target want it in the new system? */
  readonly wanted: boolean;
  /** What the switch does to it, in the order of the lists. */
  readonly actions: readonly Action[];
  /** Why, in words (the rule that decided). */
  readonly why: string;
  /** When the unit runs a container that the switch creates again (stopped and started, or restarted): which, and why. */
  readonly container: ContainerReport | null;
  /** A unified diff of the unit file ("" when its text is the same). */
  readonly diff: string;
}

export interface LinkChange {
  /** The link, relative to /etc/systemd/system (`multi-user.target.wants/podman-web.service`). */
  readonly path: string;
  readonly old: string | null;
  readonly new: string | null;
}

export interface ScriptReport extends ScriptChange {
  /** A unified diff of the two versions (both there), or of the whole file (added or removed). */
  readonly diff: string;
}

export interface HostDiff {
  /** The units the switch stops, starts, restarts, reloads, and leaves though they changed (NixOS's lists). */
  readonly stop: readonly string[];
  readonly start: readonly string[];
  readonly restart: readonly string[];
  readonly reload: readonly string[];
  readonly skip: readonly string[];
  /** Do the two hosts differ at all (a unit, a link or a store file)? */
  readonly changed: boolean;
  /** What is assumed of the old system, which files cannot tell. */
  readonly assumptions: readonly string[];
  /** Active targets started again, as every one is: not in `start`, as NixOS does not list them. */
  readonly targetsStarted: readonly string[];
  /** Every unit that changed, or that the switch does something to, by name. */
  readonly units: readonly UnitReport[];
  /** What systemd does to other units meanwhile (a unit that requires a stopped one is stopped too). */
  readonly indirect: readonly IndirectEffect[];
  readonly links: readonly LinkChange[];
  /** The store files whose path changed (old and new version), and those added or removed. */
  readonly scripts: readonly ScriptReport[];
}

const changeOf = (a: string | null | undefined, b: string | null | undefined): UnitChange =>
  a === undefined || (a === null && b === undefined)
    ? b === undefined
      ? "unchanged"
      : b === null
        ? "disabled"
        : "added"
    : b === undefined
      ? "removed"
      : a === null
        ? b === null
          ? "unchanged"
          : "enabled"
        : b === null
          ? "disabled"
          : a === b
            ? "unchanged"
            : "changed";

/** What systemd does to a unit, and why: `stops it, then starts it again: Requires=...`. */
const effectWords = (e: IndirectEffect): string =>
  `${
    e.effect === "stop"
      ? "stops it"
      : e.effect === "stop-start"
        ? "stops it, then starts it again"
        : e.effect === "restart"
          ? "restarts it"
          : "starts it again"
  } (${e.because})`;

/** The diff of two hosts (see the file comment). */
export function diffHosts(old: HostFiles, next: HostFiles): HostDiff {
  const d = decideSwitch(old, next);
  const listed = (a: Action): Set<string> => new Set(d.lists[a]);
  const sets = Object.fromEntries(ACTIONS.map((a) => [a, listed(a)])) as Record<Action, Set<string>>;
  const indirectOf = new Map<string, IndirectEffect[]>();
  for (const e of d.indirect) indirectOf.set(e.unit, [...(indirectOf.get(e.unit) ?? []), e]);

  const names = [...new Set([...old.units.keys(), ...next.units.keys()])].sort(byUnitName);
  const units: UnitReport[] = [];
  for (const name of names) {
    const a = old.units.get(name);
    const b = next.units.get(name);
    const change = changeOf(a, b);
    const actions = ACTIONS.filter((x) => sets[x].has(name));
    const why = d.why.get(name);
    if (change === "unchanged" && actions.length === 0 && why === undefined && !indirectOf.has(name))
      continue;
    const effects = indirectOf.get(name) ?? [];
    const recreated =
      (sets.stop.has(name) && sets.start.has(name)) ||
      sets.restart.has(name) ||
      effects.some((e) => e.effect === "stop-start" || e.effect === "restart");
    let container: ContainerReport | null = null;
    if (recreated && typeof b === "string") {
      const report = containerReport(typeof a === "string" ? parseUnit(a) : null, parseUnit(b), old, next);
      if (report !== null) {
        const reasons = [
          ...(change === "unchanged" ? [] : report.reasons),
          ...effects.map((e) => `its unit ${e.because}`),
        ];
        container = { ...report, reasons };
      }
    }
    units.push({
      name,
      change,
      running: d.running.has(name),
      wanted: typeof b === "string" && wantingTargets(next, name).length > 0,
      actions,
      why:
        why ??
        (effects.length > 0
          ? `the switch does nothing to it, but systemd ${effects.map(effectWords).join("; and ")}`
          : d.running.has(name)
            ? "nothing to do"
            : change === "unchanged"
              ? "nothing to do"
              : `${change}, but it does not run (no target wants it): nothing to do; the new file applies when it is next started`),
      container,
      diff: unifiedDiff(
        typeof a === "string" ? a : null,
        typeof b === "string" ? b : null,
        `a/etc/systemd/system/${name}`,
        `b/etc/systemd/system/${name}`,
      ),
    });
  }

  const linkPaths = [...new Set([...old.links.keys(), ...next.links.keys()])].sort(compareCodeUnits);
  const links = linkPaths.flatMap((path): LinkChange[] => {
    const o = old.links.get(path) ?? null;
    const n = next.links.get(path) ?? null;
    return o === n ? [] : [{ path, old: o, new: n }];
  });

  const scripts = scriptChanges(old, next).map((s): ScriptReport => ({
    ...s,
    diff: unifiedDiff(
      s.old === null ? null : old.store.get(s.old)!,
      s.new === null ? null : next.store.get(s.new)!,
      `a${s.old ?? ""}`,
      `b${s.new ?? ""}`,
    ),
  }));

  const storeChanged =
    old.store.size !== next.store.size || [...old.store].some(([p, c]) => next.store.get(p) !== c);
  return {
    ...d.lists,
    changed: units.some((u) => u.change !== "unchanged") || links.length > 0 || storeChanged,
    assumptions: ASSUMPTIONS,
    targetsStarted: d.targetsStarted,
    units,
    indirect: d.indirect,
    links,
    scripts,
  };
}
