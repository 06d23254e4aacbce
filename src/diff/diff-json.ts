/**
 * `nixmod diff --json`: the host diff as JSON, and its schema as an io-ts codec (what
 * docs/diff.md documents; a program reading the output can decode it with `HostDiffJson`).
 * The codec and the HostDiff type are held to each other at compile time.
 */
import * as t from "io-ts";
import type { HostDiff } from "./host-diff.js";

const names = t.readonlyArray(t.string);
const action = t.keyof({ stop: null, start: null, restart: null, reload: null, skip: null });
const nullableString = t.union([t.string, t.null]);

export const ContainerReportJson = t.readonly(
  t.type({ name: t.string, backend: t.string, reasons: names }),
  "ContainerReport",
);

export const UnitReportJson = t.readonly(
  t.type({
    name: t.string,
    change: t.keyof({
      added: null,
      removed: null,
      enabled: null,
      disabled: null,
      changed: null,
      unchanged: null,
    }),
    running: t.boolean,
    wanted: t.boolean,
    actions: t.readonlyArray(action),
    why: t.string,
    container: t.union([ContainerReportJson, t.null]),
    diff: t.string,
  }),
  "UnitReport",
);

export const IndirectEffectJson = t.readonly(
  t.type({
    unit: t.string,
    effect: t.keyof({ stop: null, "stop-start": null, restart: null, start: null }),
    because: t.string,
  }),
  "IndirectEffect",
);

export const LinkChangeJson = t.readonly(
  t.type({ path: t.string, old: nullableString, new: nullableString }),
  "LinkChange",
);

export const ScriptReportJson = t.readonly(
  t.type({ old: nullableString, new: nullableString, role: t.string, usedBy: names, diff: t.string }),
  "ScriptReport",
);

/** The schema of `nixmod diff --json` (see docs/diff.md). */
export const HostDiffJson = t.readonly(
  t.type({
    stop: names,
    start: names,
    restart: names,
    reload: names,
    skip: names,
    changed: t.boolean,
    assumptions: names,
    targetsStarted: names,
    units: t.readonlyArray(UnitReportJson),
    indirect: t.readonlyArray(IndirectEffectJson),
    links: t.readonlyArray(LinkChangeJson),
    scripts: t.readonlyArray(ScriptReportJson),
  }),
  "HostDiff",
);

// (Compile-time: a HostDiff is what the schema says, and the other way round.)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _schemaMatches: Same<t.TypeOf<typeof HostDiffJson>, HostDiff> = true;
void _schemaMatches;

/** The host diff as JSON text (keys in the schema's order, two-space indented, a final newline). */
export const diffJson = (diff: HostDiff): string => `${JSON.stringify(HostDiffJson.encode(diff), null, 2)}\n`;
