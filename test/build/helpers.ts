// Shared by the build tests: read a written tree back, build modules into a fresh directory.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareCodeUnits } from "../../src/lib/attrs-lazy.js";

export type Node =
  | { path: string; type: "dir"; mode: string }
  | { path: string; type: "file"; mode: string; contents: string }
  | { path: string; type: "symlink"; target: string };

/** Every directory, file and link under `root` (names, modes, contents), sorted by path. */
export function readTree(root: string): Node[] {
  const out: Node[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort(compareCodeUnits)) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const st = lstatSync(join(root, path));
      const mode = (st.mode & 0o7777).toString(8).padStart(4, "0");
      if (st.isSymbolicLink()) out.push({ path, type: "symlink", target: readlinkSync(join(root, path)) });
      else if (st.isDirectory()) {
        out.push({ path, type: "dir", mode });
        walk(path);
      } else out.push({ path, type: "file", mode, contents: readFileSync(join(root, path), "utf8") });
    }
  };
  walk("");
  return out;
}

/** mtimes of everything under root (lstat), by path. */
export function mtimes(root: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const st = lstatSync(join(root, path));
      out[path] = st.mtimeMs;
      if (st.isDirectory()) walk(path);
    }
  };
  walk("");
  return out;
}

/** A built tree without the marker `nixmod build` writes at its top (what the plan does not list). */
export const withoutMarker = (tree: Node[]): Node[] => tree.filter((n) => n.path !== ".nixmod-build");

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `nixmod-${prefix}-`));
