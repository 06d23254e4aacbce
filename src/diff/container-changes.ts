/**
 * Why a container's unit changed, in the terms of the container's options: the image, the
 * ports, the environment, ... (read from its start script: container-run.ts), the pre-start
 * script (and in it the image file and the registry login), the commands added to
 * `ExecStartPre` beside it (hooks), and the unit's other settings.
 */
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import { containerRun, shellWords, type ContainerRun } from "./container-run.js";
import type { HostFiles } from "./host-files.js";
import { scriptRole, storeRefs, withoutHashes } from "./store-paths.js";
import { unitValues, type UnitInfo } from "./unit-file.js";

/** A container whose unit a switch stops and starts, or restarts: it is created again. */
export interface ContainerReport {
  /** Its name (`virtualisation.oci-containers.containers.<name>`). */
  readonly name: string;
  /** podman or docker. */
  readonly backend: string;
  /** What changed, in the terms of its options, one item each. */
  readonly reasons: readonly string[];
}

/** The command of an `Exec*=` value: systemd's prefixes (`-`, `@`, `+`, `!`, `:`) taken off. */
const commandOf = (value: string): string => value.replace(/^[-@+!:]+/, "");

/** The script a unit's `[Service] <key>` runs (its last value's program), from the host's store. */
function scriptOf(unit: UnitInfo, host: HostFiles, key: string): string | null {
  const values = unitValues(unit, "Service", key);
  const last = values[values.length - 1];
  if (last === undefined) return null;
  const program = shellWords(commandOf(last))[0];
  return program === undefined ? null : (host.store.get(program) ?? null);
}

/** The container a unit runs (its ExecStart script is the oci-containers module's), or null. */
export function unitContainer(unit: UnitInfo, host: HostFiles): ContainerRun | null {
  const script = scriptOf(unit, host, "ExecStart");
  return script === null ? null : containerRun(script);
}

/** Is an ExecStartPre value the oci-containers module's own pre-start script? */
const isModulePreStart = (value: string): boolean =>
  /\/nix\/store\/[0-9a-z]{32}-pre-start\/bin\/pre-start$/.test(commandOf(value).trim());

const shown = (values: readonly string[]): string => values.join(" ");

/** The differences of one option's values, old to new, as a phrase (or null: none). */
function optionChange(option: string, before: readonly string[], after: readonly string[]): string | null {
  if (before.length === after.length && before.every((v, i) => v === after[i])) return null;
  if (option === "environment" || option === "labels" || option === "capabilities") {
    const asMap = (vs: readonly string[]): Map<string, string> =>
      new Map(vs.map((v) => [v.slice(0, Math.max(0, v.indexOf("="))), v.slice(v.indexOf("=") + 1)]));
    const a = asMap(before);
    const b = asMap(after);
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareCodeUnits);
    const parts = keys.flatMap((k) =>
      !a.has(k)
        ? [`${k} added (${b.get(k)})`]
        : !b.has(k)
          ? [`${k} removed (was ${a.get(k)})`]
          : a.get(k) !== b.get(k)
            ? [`${k} changed (${a.get(k)} → ${b.get(k)})`]
            : [],
    );
    return `${option}: ${parts.length > 0 ? parts.join(", ") : "reordered"}`;
  }
  if (
    ["cmd", "extraOptions", "preRunExtraOptions"].includes(option) ||
    before.length > 1 ||
    after.length > 1
  ) {
    const added = after.filter((v) => !before.includes(v));
    const removed = before.filter((v) => !after.includes(v));
    if (option === "cmd" || option === "preRunExtraOptions" || (added.length === 0 && removed.length === 0)) {
      return `${option}: ${before.length === 0 ? "(none)" : shown(before)} → ${after.length === 0 ? "(none)" : shown(after)}`;
    }
    const parts = [
      ...(added.length > 0 ? [`added ${added.join(", ")}`] : []),
      ...(removed.length > 0 ? [`removed ${removed.join(", ")}`] : []),
    ];
    return option === "run flags"
      ? `how the oci-containers module runs it (its own flags): ${parts.join("; ")}`
      : `${option}: ${parts.join("; ")}`;
  }
  if (before.length === 0) return `${option}: set to ${shown(after)}`;
  if (after.length === 0) return `${option}: no longer set (was ${shown(before)})`;
  return `${option}: ${shown(before)} → ${shown(after)}`;
}

/** The order options are named in (the module's order of them in `run`). */
const OPTION_ORDER = [
  "image",
  "preRunExtraOptions",
  "log-driver",
  "entrypoint",
  "hostname",
  "podman.sdnotify",
  "environment",
  "environmentFiles",
  "ports",
  "user",
  "volumes",
  "labels",
  "workdir",
  "privileged",
  "autoRemoveOnStop",
  "capabilities",
  "devices",
  "networks",
  "pull",
  "extraOptions",
  "cmd",
  "run flags",
];

/** What changed between two runs of a container, option by option. */
export function runChanges(before: ContainerRun, after: ContainerRun): string[] {
  const reasons: string[] = [];
  if (before.backend !== after.backend) reasons.push(`backend: ${before.backend} → ${after.backend}`);
  if (before.image !== after.image) reasons.push(`image: ${before.image} → ${after.image}`);
  const options = [...new Set([...before.options.keys(), ...after.options.keys()])].sort(
    (a, b) => OPTION_ORDER.indexOf(a) - OPTION_ORDER.indexOf(b) || compareCodeUnits(a, b),
  );
  for (const o of options) {
    const change = optionChange(o, before.options.get(o) ?? [], after.options.get(o) ?? []);
    if (change !== null) reasons.push(change);
  }
  return reasons;
}

/** The image file, the image stream and the registry login a pre-start script has. */
function preStartParts(script: string): Map<string, string> {
  const parts = new Map<string, string>();
  const logical = script.split(/\\\n/).join(" ").split("\n");
  for (const line of logical) {
    const words = shellWords(line.trim());
    const load = words.indexOf("-i");
    if (words.includes("load") && load >= 0 && words[load + 1] !== undefined)
      parts.set("imageFile", words[load + 1]!);
    else if (words.includes("load") && words[1] === "|") parts.set("imageStream", words[0]!);
    const login = words.indexOf("login");
    if (login >= 0) {
      const at = (flag: string): string | undefined => words[words.indexOf(flag) + 1];
      const registry = words.slice(login + 1).find((w) => !w.startsWith("-"));
      const passwordFile = words.includes("<") ? at("<") : words[0] === "cat" ? words[1] : undefined;
      parts.set(
        "login",
        `registry ${registry ?? "?"}, username ${at("--username") ?? "?"}, passwordFile ${passwordFile ?? "?"}`,
      );
    }
  }
  return parts;
}

/** What changed in the pre-start script and beside it in ExecStartPre. */
function preStartChanges(
  before: UnitInfo | null,
  after: UnitInfo,
  oldHost: HostFiles,
  newHost: HostFiles,
  images: readonly [string, string] | null,
): string[] {
  const reasons: string[] = [];
  const pre = (unit: UnitInfo | null): string[] =>
    unit === null ? [] : [...unitValues(unit, "Service", "ExecStartPre")];
  const a = pre(before);
  const b = pre(after);
  const script = (values: string[], host: HostFiles): string | null => {
    const own = values.find(isModulePreStart);
    return own === undefined ? null : (host.store.get(commandOf(own).trim()) ?? null);
  };
  const sa = script(a, oldHost);
  const sb = script(b, newHost);
  // (The script names the image, for the registry login's fallback: a new image alone is said already.)
  const sameButImage =
    images !== null && sa !== null && sb !== null && sa.split(images[0]).join(images[1]) === sb;
  if (sa !== sb && sb !== null && !sameButImage) {
    const pa = sa === null ? new Map<string, string>() : preStartParts(sa);
    const pb = preStartParts(sb);
    const details = ["imageFile", "imageStream", "login"].flatMap((k) =>
      pa.get(k) === pb.get(k)
        ? []
        : [
            !pa.has(k)
              ? `${k} set (${pb.get(k)})`
              : !pb.has(k)
                ? `${k} no longer set`
                : `${k}: ${pa.get(k)} → ${pb.get(k)}`,
          ],
    );
    reasons.push(
      `the pre-start script changed${details.length > 0 ? `: ${details.join("; ")}` : " (its diff is below)"}`,
    );
  }
  // The hooks: every other command of ExecStartPre, where it is relative to the module's script.
  const hooks = (values: string[]): { cmd: string; where: string }[] => {
    const own = values.findIndex(isModulePreStart);
    return values.flatMap((v, i) =>
      isModulePreStart(v) ? [] : [{ cmd: v, where: own < 0 ? "" : i < own ? "before" : "after" }],
    );
  };
  const ha = hooks(a);
  const hb = hooks(b);
  const key = (h: { cmd: string }): string => withoutHashes(h.cmd);
  /** A hook as the user knows it: a store script by what it is (`the preStart script`). */
  const named = (h: { cmd: string }): string => {
    const ref = storeRefs(h.cmd)[0];
    return ref === undefined ? h.cmd : `${scriptRole(ref.name)}, ${h.cmd}`;
  };
  for (const h of hb) {
    const same = ha.find((x) => key(x) === key(h));
    if (same === undefined) {
      const place =
        h.where === "after"
          ? "appended to ExecStartPre (after the module's pre-start script)"
          : h.where === "before"
            ? "put in ExecStartPre before the module's pre-start script"
            : "added to ExecStartPre";
      reasons.push(`a hook ${place}: ${named(h)}`);
    } else if (same.cmd !== h.cmd) {
      reasons.push(`the ExecStartPre hook changed: ${named(h)}`);
    }
  }
  for (const h of ha) {
    if (!hb.some((x) => key(x) === key(h))) reasons.push(`a hook removed from ExecStartPre: ${named(h)}`);
  }
  return reasons;
}

/** The other differences of the unit files, by setting; store files by what they are. */
function settingChanges(
  before: UnitInfo | null,
  after: UnitInfo,
  oldHost: HostFiles,
  newHost: HostFiles,
): string[] {
  if (before === null) return [];
  const reasons: string[] = [];
  const sections = [...new Set([...before.keys(), ...after.keys()])].sort(compareCodeUnits);
  for (const section of sections) {
    const keys = [
      ...new Set([...(before.get(section)?.keys() ?? []), ...(after.get(section)?.keys() ?? [])]),
    ].sort(compareCodeUnits);
    for (const key of keys) {
      if (section === "Service" && (key === "ExecStart" || key === "ExecStartPre")) continue;
      const a = before.get(section)?.get(key) ?? [];
      const b = after.get(section)?.get(key) ?? [];
      if (a.length === b.length && a.every((v, i) => v === b[i])) continue;
      const where = `[${section}] ${key}=`;
      if (key === "Environment") {
        const vars = (vs: readonly string[]): string[] => vs.flatMap((v) => shellWords(v));
        const change = optionChange("environment", vars(a), vars(b));
        if (change !== null) reasons.push(`the unit's ${change}`);
        continue;
      }
      // Only store paths differ: say which store files changed.
      if (a.length === b.length && a.every((v, i) => withoutHashes(v) === withoutHashes(b[i]!))) {
        const changed = b.flatMap((v, i) => {
          const ra = storeRefs(a[i]!);
          return storeRefs(v).flatMap((r, j) =>
            r.path !== ra[j]?.path && oldHost.store.get(ra[j]!.path) !== newHost.store.get(r.path)
              ? [scriptRole(r.name)]
              : [],
          );
        });
        reasons.push(
          changed.length > 0
            ? `${[...new Set(changed)].join(", ")} (${where}) changed`
            : `${where} names other store paths`,
        );
        continue;
      }
      reasons.push(
        `${where} ${a.length === 0 ? "(not set)" : a.join(" ")} → ${b.length === 0 ? "(not set)" : b.join(" ")}`,
      );
    }
  }
  return reasons;
}

/**
 * The container report of a unit that runs a container in the new system (null for any other
 * unit): what changed since the old unit (null when it is new).
 */
export function containerReport(
  unitBefore: UnitInfo | null,
  unitAfter: UnitInfo,
  oldHost: HostFiles,
  newHost: HostFiles,
): ContainerReport | null {
  const after = unitContainer(unitAfter, newHost);
  if (after === null) return null;
  const before = unitBefore === null ? null : unitContainer(unitBefore, oldHost);
  const reasons =
    unitBefore === null
      ? ["it is new"]
      : [
          ...(before === null ? ["the unit did not run a container before"] : runChanges(before, after)),
          ...preStartChanges(
            unitBefore,
            unitAfter,
            oldHost,
            newHost,
            before !== null && before.image !== after.image ? [before.image, after.image] : null,
          ),
          ...settingChanges(unitBefore, unitAfter, oldHost, newHost),
        ];
  const startBefore = unitBefore === null ? null : scriptOf(unitBefore, oldHost, "ExecStart");
  const startAfter = scriptOf(unitAfter, newHost, "ExecStart");
  if (reasons.length === 0 && startBefore !== startAfter) reasons.push("the start script changed");
  return { name: after.name, backend: after.backend, reasons };
}
