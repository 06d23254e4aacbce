/**
 * The files NixOS would put on the machine for an evaluated configuration, as a plan (pure)
 * and as a tree on disk.
 *
 * Units (like NixOS's `makeUnit` and `generateUnits` in nixos/lib/systemd-lib.nix, ported):
 * - every attribute of `systemd.units`, in attribute-name order: enabled units as the file
 *   `etc/systemd/system/<name>` with the unit's text (a null text is an empty file), disabled
 *   units as a symbolic link `etc/systemd/system/<name>` -> `/dev/null`;
 * - then the aliases: `<alias>` -> `<name>`;
 * - then for every name in `wantedBy`: `<target>.wants/<name>` -> `../<name>`, then the same
 *   for `upheldBy` (`.upholds`) when a unit has it, then `requiredBy` (`.requires`). As in
 *   NixOS, these links are made for disabled units too, and a later link replaces an earlier
 *   entry of the same name (`ln -sfn`).
 * Not made: the units of the systemd package and NixOS's fixed links (default.target,
 * ctrl-alt-del.target, ...): the bundled base has neither.
 *
 * Store: the scripts the builders registered that the machine needs, i.e. the closure of the
 * unit files: every registered script whose store path a unit text names, and every script
 * whose path those scripts name in turn. A script is registered when its store path is first
 * used (so the writeShellScriptBin a job script is renamed from by overrideAttrs never is); a
 * registered script no unit needs (its path used by an option no unit shows, say) is not
 * built, as Nix would not build it. Files as `nix/store/<hash>-<name><destination>` (see
 * scripts.ts).
 *
 * Modes as in the Nix store: 0444 for files, 0555 for executables; directories are 0755 (not
 * the store's 0555, so that the tree can be removed and rebuilt without root). Every file,
 * link and directory gets the store's modification time, 1 second after the epoch, so that
 * the same modules give the same tree, bytes and metadata.
 */
import { lutimesSync, mkdirSync, symlinkSync, utimesSync, writeFileSync, chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import * as R from "ramda";
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import { showOption } from "../lib/options.js";
import { coerceToString } from "../lib/nix/strings.js";
import type { BuiltScript, Pkgs } from "../modules/pkgs.js";
import { isValidUnitName, UNIT_NAME_RULE } from "../modules/system/boot/systemd-lib.js";
import { storeFile, type StoreFile } from "./scripts.js";

type Attrs = Record<string, any>;

/** Where the units go, relative to the output directory. */
export const UNIT_DIR = "etc/systemd/system";

export class BuildError extends Error {}

/** One unit of `systemd.units`. */
export interface PlannedUnit {
  name: string;
  enabled: boolean;
  text: string;
  /** The file, relative to the output directory. */
  file: string;
  /** `systemd.services.<n>` when the unit was made from a service, else null. */
  service: string | null;
}

/** Where a script is named from: the option, and the scripts in between when it is named by another script. */
export interface Origin {
  option: string;
  /** Store files (absolute paths) that name the script, outermost first. */
  via: string[];
}

export interface PlannedScript extends StoreFile {
  origin: Origin;
  /** The file, relative to the output directory. */
  file: string;
}

export type TreeEntry =
  | { kind: "file"; path: string; mode: number; contents: string }
  | { kind: "symlink"; path: string; target: string };

export interface Plan {
  /** Everything to write, sorted by path (code units). */
  entries: TreeEntry[];
  units: PlannedUnit[];
  scripts: PlannedScript[];
  /** Registered scripts no unit needs (not written). */
  unreferenced: BuiltScript[];
}

/** Is `name` usable as one file name (no `/`, not `.` or `..`, not empty)? */
const isFileName = (name: string): boolean =>
  name !== "" && name !== "." && name !== ".." && !/[/\0]/.test(name);

function checkName(name: string, what: string): void {
  if (!isFileName(name)) throw new BuildError(`${what} '${name}' cannot be a file name in ${UNIT_DIR}`);
}

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The string a value of a unit option stands for (derivations as their store path). */
function asText(v: unknown): string | null {
  try {
    return coerceToString(v, true);
  } catch {
    return null;
  }
}

/** The option of `config` that names `outPath` for unit `unit` (see Origin). */
export function optionNaming(config: Attrs, unit: PlannedUnit, outPath: string): string {
  if (unit.service !== null) {
    const svc = (config.systemd.services as Attrs)[unit.service] as Attrs;
    for (const section of ["serviceConfig", "unitConfig", "environment"]) {
      let attrs: Attrs;
      try {
        attrs = svc[section] as Attrs;
      } catch {
        continue;
      }
      for (const key of Object.keys(attrs).sort(compareCodeUnits)) {
        let value: unknown;
        try {
          value = attrs[key];
        } catch {
          continue;
        }
        if (listOf(value).some((x) => asText(x)?.includes(outPath))) {
          return showOption(["systemd", "services", unit.service, section, key]);
        }
      }
    }
  }
  return showOption(["systemd", "units", unit.name, "text"]);
}

/** `/nix/store/` and the 32 hex digits of a store path's hash (see pkgs.ts). */
const STORE_HASH_RE = /\/nix\/store\/[0-9a-f]{32}/g;
const STORE_HASH_PART = "/nix/store/".length + 32;

/** The plan for an evaluated configuration and the package set it was evaluated with. */
export function planTree(config: Attrs, pkgs: Pkgs): Plan {
  const units = (config.systemd?.units ?? {}) as Attrs;
  const services = (config.systemd?.services ?? {}) as Attrs;
  const tree = new Map<string, TreeEntry>();
  const put = (e: TreeEntry): void => void tree.set(e.path, e);
  const unitPath = (name: string): string => `${UNIT_DIR}/${name}`;

  const names = Object.keys(units).sort(compareCodeUnits);
  const planned: PlannedUnit[] = [];
  for (const name of names) {
    checkName(name, "the unit name");
    const u = units[name] as Attrs;
    const enabled = u.enable !== false;
    const text = enabled ? (u.text === null || u.text === undefined ? "" : String(u.text)) : "";
    const service =
      name.endsWith(".service") && Object.hasOwn(services, name.slice(0, -".service".length))
        ? name.slice(0, -".service".length)
        : null;
    planned.push({ name, enabled, text, file: unitPath(name), service });
    put(
      enabled
        ? { kind: "file", path: unitPath(name), mode: 0o444, contents: text }
        : { kind: "symlink", path: unitPath(name), target: "/dev/null" },
    );
  }
  const links = (field: string, f: (unit: string, other: string) => TreeEntry): void => {
    for (const name of names) {
      for (const other of listOf((units[name] as Attrs)[field])) {
        // (NixOS's type of these lists takes names systemd would not load, `%` in them, say:
        // they become file names here, checked by systemd's rule.)
        if (!isValidUnitName(String(other))) {
          throw new BuildError(
            `\`${showOption(["systemd", "units", name, field])}' names \`${String(other)}', which is not a unit name systemd loads (${UNIT_NAME_RULE})`,
          );
        }
        put(f(name, String(other)));
      }
    }
  };
  links("aliases", (name, alias) => ({ kind: "symlink", path: unitPath(alias), target: name }));
  const dependency =
    (suffix: string) =>
    (name: string, target: string): TreeEntry => ({
      kind: "symlink",
      path: `${unitPath(target + suffix)}/${name}`,
      target: `../${name}`,
    });
  links("wantedBy", dependency(".wants"));
  links("upheldBy", dependency(".upholds"));
  links("requiredBy", dependency(".requires"));

  // The closure of the unit files in the registry.
  const registry = [...pkgs.builtScripts.values()].sort((a, b) => compareCodeUnits(a.outPath, b.outPath));
  const reached = new Map<string, PlannedScript>();
  const queue: PlannedScript[] = [];
  // Candidates by the `/nix/store/<hash>` a text mentions, then the whole store path checked.
  const byHashPart = R.groupBy((s: BuiltScript) => s.outPath.slice(0, STORE_HASH_PART), registry);
  const reach = (text: string, origin: (s: BuiltScript) => Origin): void => {
    const mentioned = new Set(Array.from(text.matchAll(STORE_HASH_RE), (m) => m[0]));
    const candidates = [...mentioned]
      .flatMap((h) => byHashPart[h] ?? [])
      .sort((a, b) => compareCodeUnits(a.outPath, b.outPath));
    for (const s of candidates) {
      if (reached.has(s.outPath) || !text.includes(s.outPath)) continue;
      const f = storeFile(s);
      const p: PlannedScript = { ...f, origin: origin(s), file: f.path.slice(1) };
      reached.set(s.outPath, p);
      queue.push(p);
    }
  };
  for (const u of planned) {
    if (u.enabled) reach(u.text, (s) => ({ option: optionNaming(config, u, s.outPath), via: [] }));
  }
  while (queue.length > 0) {
    const parent = queue.shift()!;
    reach(parent.contents, () => ({
      option: parent.origin.option,
      via: [...parent.origin.via, parent.path],
    }));
  }
  const scripts = [...reached.values()].sort((a, b) => compareCodeUnits(a.outPath, b.outPath));
  for (const s of scripts) {
    put({ kind: "file", path: s.file, mode: s.executable ? 0o555 : 0o444, contents: s.contents });
  }
  // A file cannot also be a directory: two entries where one is inside the other.
  const paths = [...tree.keys()].sort(compareCodeUnits);
  for (const p of paths) {
    for (let d = dirname(p); d !== "." && d !== "/"; d = dirname(d)) {
      if (tree.has(d)) throw new BuildError(`${d} would be both a file and the directory of ${p}`);
    }
  }
  return {
    entries: paths.map((p) => tree.get(p)!),
    units: planned,
    scripts,
    unreferenced: registry.filter((s) => !reached.has(s.outPath)),
  };
}

/** All directories of the entries, parents first. */
const directoriesOf = (entries: readonly TreeEntry[]): string[] =>
  R.uniq(
    entries.flatMap((e) => {
      const ds: string[] = [];
      for (let d = dirname(e.path); d !== "."; d = dirname(d)) ds.unshift(d);
      return ds;
    }),
  ).sort(compareCodeUnits);

/** Write the entries under `root` (which must not exist yet). */
export function writeEntries(root: string, entries: readonly TreeEntry[]): void {
  mkdirSync(root, { mode: 0o755 });
  const dirs = directoriesOf(entries);
  for (const d of dirs) mkdirSync(join(root, d), { mode: 0o755 });
  for (const e of entries) {
    const p = join(root, e.path);
    if (e.kind === "file") {
      writeFileSync(p, e.contents, { mode: e.mode });
      chmodSync(p, e.mode); // the umask does not apply to what the store has
      utimesSync(p, 1, 1);
    } else {
      symlinkSync(e.target, p);
      lutimesSync(p, 1, 1);
    }
  }
  for (const d of [...dirs].reverse()) {
    chmodSync(join(root, d), 0o755);
    utimesSync(join(root, d), 1, 1);
  }
  chmodSync(root, 0o755);
  utimesSync(root, 1, 1);
}
