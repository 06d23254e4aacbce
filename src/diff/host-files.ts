/**
 * What a host puts on the machine, as a switch sees it: the unit files of
 * `/etc/systemd/system` (their text, or masked), the links between them (aliases,
 * `<unit>.wants/`, `.requires/`, `.upholds/`), and the files of the store they name. Made
 * from the entries `nixmod build` writes (planTree's, for an evaluation) or read back from a
 * tree it wrote.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import { hasMarker, MARKER } from "../build/out-dir.js";
import { UNIT_DIR, type TreeEntry } from "../build/tree.js";

/** The kinds of dependency a link in `<unit>.<kind>/` stands for. */
export const LINK_KINDS = ["wants", "requires", "upholds"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** `from` wants (requires, upholds) a unit: the link `<from>.<kind>/<unit>`. */
export interface Dependent {
  readonly from: string;
  readonly kind: LinkKind;
}

export interface HostFiles {
  /** Unit files by name: the text, or null for a masked unit (a link to /dev/null: disabled). */
  readonly units: ReadonlyMap<string, string | null>;
  /** Aliases: the alias's name -> the unit it names. */
  readonly aliases: ReadonlyMap<string, string>;
  /** For each unit, the units whose `.wants/`, `.requires/` or `.upholds/` link to it. */
  readonly dependents: ReadonlyMap<string, readonly Dependent[]>;
  /** Every link of the unit directory (relative path -> target), for the diff of links. */
  readonly links: ReadonlyMap<string, string>;
  /** Store files: absolute path on the machine (`/nix/store/<hash>-<name>/bin/x`) -> contents. */
  readonly store: ReadonlyMap<string, string>;
}

/** An error in what was given to compare (a directory that is no build, ...): exit status 2. */
export class DiffInputError extends Error {}

const STORE_DIR = "nix/store";

/** Host files from tree entries (paths relative to the tree's top, as planTree gives them). */
export function hostFilesOf(entries: readonly TreeEntry[]): HostFiles {
  const units = new Map<string, string | null>();
  const aliases = new Map<string, string>();
  const links = new Map<string, string>();
  const dependents = new Map<string, Dependent[]>();
  const store = new Map<string, string>();
  const prefix = `${UNIT_DIR}/`;
  for (const e of [...entries].sort((a, b) => compareCodeUnits(a.path, b.path))) {
    if (e.path.startsWith(`${STORE_DIR}/`)) {
      if (e.kind === "file") store.set(`/${e.path}`, e.contents);
      continue;
    }
    if (!e.path.startsWith(prefix)) continue;
    const rel = e.path.slice(prefix.length);
    const parts = rel.split("/");
    if (e.kind === "symlink") links.set(rel, e.target);
    if (parts.length === 1) {
      if (e.kind === "file") units.set(rel, e.contents);
      else if (e.target === "/dev/null") units.set(rel, null);
      else aliases.set(rel, e.target);
    } else if (parts.length === 2 && e.kind === "symlink") {
      const m = /^(.+)\.(wants|requires|upholds)$/.exec(parts[0]!);
      if (m === null) continue;
      const list = dependents.get(parts[1]!) ?? [];
      list.push({ from: m[1]!, kind: m[2] as LinkKind });
      dependents.set(parts[1]!, list);
    }
  }
  return { units, aliases, dependents, links, store };
}

/** Every file and link under `root` (the directories skipped), as tree entries. */
function entriesUnder(root: string, rel: string, out: TreeEntry[]): void {
  let names: string[];
  try {
    names = readdirSync(join(root, rel));
  } catch {
    return;
  }
  for (const name of names.sort(compareCodeUnits)) {
    const path = `${rel}/${name}`;
    const st = lstatSync(join(root, path));
    if (st.isSymbolicLink()) out.push({ kind: "symlink", path, target: readlinkSync(join(root, path)) });
    else if (st.isDirectory()) entriesUnder(root, path, out);
    else if (st.isFile()) {
      out.push({
        kind: "file",
        path,
        mode: st.mode & 0o777,
        contents: readFileSync(join(root, path), "utf8"),
      });
    }
  }
}

/** Is `dir` a tree `nixmod build` wrote (it holds the build's marker)? */
export const isBuildTree = (dir: string): boolean => {
  try {
    return lstatSync(dir).isDirectory() && hasMarker(dir);
  } catch {
    return false;
  }
};

/** The host files of a tree `nixmod build` wrote; a DiffInputError if `dir` is none. */
export function readBuildTree(dir: string): HostFiles {
  if (!isBuildTree(dir)) {
    throw new DiffInputError(
      `${dir} is not a tree nixmod build wrote (it has no ${MARKER} marker at its top)`,
    );
  }
  const entries: TreeEntry[] = [];
  entriesUnder(dir, UNIT_DIR, entries);
  entriesUnder(dir, STORE_DIR, entries);
  return hostFilesOf(entries);
}

/** Does a target want (require, uphold) `unit` in `host`? The names of those targets. */
export const wantingTargets = (host: HostFiles, unit: string): string[] =>
  (host.dependents.get(unit) ?? []).map((d) => d.from).filter((f) => f.endsWith(".target"));
