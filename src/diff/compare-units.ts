/**
 * Are two versions of a unit the same, and if not, is a reload enough? NixOS's
 * `compare_units` (switch-to-configuration-ng of NixOS 25.05, the rules of the manual's "Unit
 * handling" section), ported:
 *
 * - the units are compared parsed (unit-file.ts): section by section, key by key, each key's
 *   list of values;
 * - in `[Unit]`, some keys never matter to a running unit (IGNORED_UNIT_KEYS: Description,
 *   Documentation, OnFailure, ...): added, removed or changed, they make no difference;
 * - `[Unit] X-Reload-Triggers` (`systemd.services.<name>.reloadTriggers`) and `[Mount]
 *   Options` changing is a difference a reload applies;
 * - any other difference needs a restart (what "restart" means for the unit is decided by
 *   switch-plan.ts: stop and start, restart, or nothing).
 *
 * The result comes with the first difference that needs a restart, or the keys a reload is
 * for, so that the plan can say why.
 */
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import type { UnitInfo } from "./unit-file.js";

/** `[Unit]` keys whose change no running unit needs to know of. */
export const IGNORED_UNIT_KEYS: ReadonlySet<string> = new Set([
  "X-Reload-Triggers",
  "Description",
  "Documentation",
  "OnFailure",
  "OnSuccess",
  "OnFailureJobMode",
  "IgnoreOnIsolate",
  "StopWhenUnneeded",
  "RefuseManualStart",
  "RefuseManualStop",
  "AllowIsolate",
  "CollectMode",
  "SourcePath",
]);

export type UnitComparison =
  | { readonly kind: "equal" }
  /** Only keys a reload applies changed (`[Unit] X-Reload-Triggers`, `[Mount] Options`). */
  | { readonly kind: "reload"; readonly keys: readonly string[] }
  /** Something else changed: `key` (`[Section] Key`) is the first such difference. */
  | { readonly kind: "restart"; readonly key: string };

const EMPTY: ReadonlyMap<string, readonly string[]> = new Map();

const sameValues = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Compare the old and the new version of a unit (see the file comment). */
export function compareUnits(old: UnitInfo, next: UnitInfo): UnitComparison {
  const reloads: string[] = [];
  const sections = [...new Set([...old.keys(), ...next.keys()])].sort(compareCodeUnits);
  for (const section of sections) {
    // A section other than [Unit] there in one version only, even empty, is a difference.
    if (section !== "Unit" && old.has(section) !== next.has(section)) {
      return { kind: "restart", key: `[${section}]` };
    }
    const a = old.get(section) ?? EMPTY;
    const b = next.get(section) ?? EMPTY;
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareCodeUnits);
    for (const key of keys) {
      const av = a.get(key);
      const bv = b.get(key);
      if (av !== undefined && bv !== undefined && sameValues(av, bv)) continue;
      const where = `[${section}] ${key}`;
      if (section === "Unit" && IGNORED_UNIT_KEYS.has(key)) {
        // (Reload triggers set or changed reload; triggers removed, like the other keys, do nothing.)
        if (key === "X-Reload-Triggers" && bv !== undefined) reloads.push(where);
        continue;
      }
      // (Mount options added or removed, rather than changed, need a restart.)
      if (section === "Mount" && key === "Options" && av !== undefined && bv !== undefined) {
        reloads.push(where);
        continue;
      }
      return { kind: "restart", key: where };
    }
  }
  return reloads.length > 0 ? { kind: "reload", keys: reloads } : { kind: "equal" };
}
