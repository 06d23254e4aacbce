/**
 * Which store file of the new system is which of the old one: a script's store path changes
 * with its contents, so the old and the new version of a script are found by where they are
 * named. Two units of the same name name their store files in the same settings (`[Service]
 * ExecStartPre=`, its first value, the first store path in it): files named in the same place,
 * with the same name after the hash, are one script in two versions. So are the store files
 * those name in turn, in the same places of the two versions.
 */
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import type { HostFiles } from "./host-files.js";
import { scriptRole, storeRefs } from "./store-paths.js";
import { parseUnit } from "./unit-file.js";

export interface ScriptChange {
  /** The old file (absolute path on the machine), or null for a file the new system adds. */
  readonly old: string | null;
  /** The new file, or null for a file the new system no longer has. */
  readonly new: string | null;
  /** What it is: `the preStop script`, `the container's pre-start script`, ... */
  readonly role: string;
  /** The units that name it (directly or through other store files). */
  readonly usedBy: readonly string[];
}

/** `/nix/store/<hash>-<name>` of a path in the store. */
const storeRoot = (path: string): string => path.split("/").slice(0, 4).join("/");

/** A store's files by their store path, for filesAt. */
function indexStore(store: ReadonlyMap<string, string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const file of [...store.keys()].sort(compareCodeUnits)) {
    const root = storeRoot(file);
    index.set(root, [...(index.get(root) ?? []), file]);
  }
  return index;
}

/** The store files under a reference: the file itself, or the files under the path it names. */
function filesAt(
  store: ReadonlyMap<string, string>,
  index: ReadonlyMap<string, string[]>,
  path: string,
): string[] {
  if (store.has(path)) return [path];
  const prefix = `${path}/`;
  return (index.get(storeRoot(path)) ?? []).filter((k) => k.startsWith(prefix));
}

/** The store references of a text, each with its place (its index among those of the same name). */
function placedRefs(text: string): Map<string, string> {
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const r of storeRefs(text)) {
    const i = seen.get(r.name) ?? 0;
    seen.set(r.name, i + 1);
    out.set(`${r.name}#${i}`, r.path);
  }
  return out;
}

/**
 * The store files whose path differs between the two systems, paired old with new where one
 * is the other's new version; a file of one system only stands alone. Sorted by the first unit
 * naming each, then by what it is.
 */
export function scriptChanges(old: HostFiles, next: HostFiles): ScriptChange[] {
  const pairs = new Map<string, { old: string; new: string; usedBy: Set<string> }>();
  const usedOld = new Map<string, Set<string>>();
  const usedNew = new Map<string, Set<string>>();
  const oldIndex = indexStore(old.store);
  const newIndex = indexStore(next.store);
  const use = (m: Map<string, Set<string>>, file: string, unit: string): void =>
    void m.set(file, (m.get(file) ?? new Set()).add(unit));

  /** Pair the files two texts name in the same places (for `unit`), then those they name. */
  const pairTexts = (a: string | null, b: string | null, unit: string, depth: number): void => {
    const ra = a === null ? new Map<string, string>() : placedRefs(a);
    const rb = b === null ? new Map<string, string>() : placedRefs(b);
    for (const [, path] of ra) for (const f of filesAt(old.store, oldIndex, path)) use(usedOld, f, unit);
    for (const [, path] of rb) for (const f of filesAt(next.store, newIndex, path)) use(usedNew, f, unit);
    if (depth > 16) return;
    for (const [place, pathB] of rb) {
      const pathA = ra.get(place);
      if (pathA === undefined) continue;
      const fa = filesAt(old.store, oldIndex, pathA);
      const fb = filesAt(next.store, newIndex, pathB);
      for (const fileB of fb) {
        const fileA = fa.find((f) => f.slice(pathA.length) === fileB.slice(pathB.length));
        if (fileA === undefined) continue;
        if (fileA !== fileB) {
          const known = pairs.get(fileB);
          if (known === undefined) pairs.set(fileB, { old: fileA, new: fileB, usedBy: new Set([unit]) });
          else known.usedBy.add(unit);
        }
        pairTexts(old.store.get(fileA)!, next.store.get(fileB)!, unit, depth + 1);
      }
    }
  };

  const units = [...new Set([...old.units.keys(), ...next.units.keys()])].sort(compareCodeUnits);
  for (const unit of units) {
    const a = old.units.get(unit) ?? null;
    const b = next.units.get(unit) ?? null;
    // Setting by setting, so that a file is paired only with the one named in the same setting.
    const settings = (text: string | null): Map<string, string> => {
      const out = new Map<string, string>();
      if (text === null) return out;
      for (const [section, keys] of parseUnit(text)) {
        for (const [key, values] of keys) values.forEach((v, i) => out.set(`${section}/${key}/${i}`, v));
      }
      return out;
    };
    const sa = settings(a);
    const sb = settings(b);
    for (const place of new Set([...sa.keys(), ...sb.keys()])) {
      pairTexts(sa.get(place) ?? null, sb.get(place) ?? null, unit, 0);
    }
  }

  const out: ScriptChange[] = [];
  const paired = new Set<string>();
  const nameOf = (file: string): string => storeRefs(file)[0]?.name ?? file;
  for (const p of pairs.values()) {
    paired.add(`old:${p.old}`).add(`new:${p.new}`);
    out.push({
      old: p.old,
      new: p.new,
      role: scriptRole(nameOf(p.new)),
      usedBy: [...p.usedBy].sort(compareCodeUnits),
    });
  }
  for (const f of [...next.store.keys()].sort(compareCodeUnits)) {
    if (old.store.has(f) || paired.has(`new:${f}`)) continue;
    out.push({
      old: null,
      new: f,
      role: scriptRole(nameOf(f)),
      usedBy: [...(usedNew.get(f) ?? [])].sort(compareCodeUnits),
    });
  }
  for (const f of [...old.store.keys()].sort(compareCodeUnits)) {
    if (next.store.has(f) || paired.has(`old:${f}`)) continue;
    out.push({
      old: f,
      new: null,
      role: scriptRole(nameOf(f)),
      usedBy: [...(usedOld.get(f) ?? [])].sort(compareCodeUnits),
    });
  }
  // By the first unit that names it, then what it is, then its path.
  const unitOf = (s: ScriptChange): string => s.usedBy[0] ?? "\uffff";
  return out.sort(
    (x, y) =>
      compareCodeUnits(unitOf(x), unitOf(y)) ||
      compareCodeUnits(x.role, y.role) ||
      compareCodeUnits(x.new ?? x.old ?? "", y.new ?? y.old ?? ""),
  );
}
