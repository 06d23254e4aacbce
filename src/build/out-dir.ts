/**
 * The build's output directory, `--out DIR`: what may be replaced, and replacing it safely.
 *
 * - DIR is replaced only when it is absent, an empty directory, or an earlier build's tree:
 *   one holding the marker file the build writes (`.nixmod-build`, with the build's text) and
 *   nothing at its top but that, `etc` and `nix`. A directory of the user's that happens to
 *   hold only `nix/` or `etc/` is never taken for one.
 * - A build holds a lock on DIR (the file `.DIR.nixmod-lock` beside it, made with O_EXCL,
 *   holding the process id and host) from before it looks at DIR until DIR is replaced, so
 *   that concurrent builds into one DIR do not interleave: another build is refused, saying
 *   which process holds the lock. A lock whose process is gone (a build killed with SIGKILL)
 *   is taken over.
 * - The new tree is written beside DIR (`.DIR.nixmod-build-<pid>`) and put in place by
 *   renames: DIR to `.DIR.nixmod-old-<pid>`, then the new tree to DIR, then the old tree
 *   removed. DIR is the old tree until the first rename and the new tree from the second on;
 *   the two follow each other with nothing in between (no signal handler can run there: they
 *   are synchronous calls). Node has no call that exchanges two directories in one step
 *   (Linux's renameat2 with RENAME_EXCHANGE), so for that moment DIR is absent; a build
 *   killed exactly there (SIGKILL) leaves the old tree beside DIR, and the next build into DIR
 *   puts it back before anything else. What an interrupted build left beside DIR (a staging
 *   folder, an old tree half removed) is removed by the next build, which holds the lock.
 * - On SIGINT, SIGTERM and SIGHUP a build removes its staging folder and its lock, then dies
 *   of the signal as it would have.
 */
import { randomBytes } from "node:crypto";
import {
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  linkSync,
  type Stats,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import { BuildError } from "./tree.js";

/** The marker an earlier build's tree holds at its top, and its text. */
export const MARKER = ".nixmod-build";
const MARKER_TEXT =
  "This directory is a tree `nixmod build` wrote. The next `nixmod build --out` of this directory replaces it whole: keep nothing of yours in it.\n";

/** The entries a build's tree has at its top. */
const TREE_TOP = new Set(["etc", "nix", MARKER]);

const lstatOrNull = (p: string): Stats | null => lstatSync(p, { throwIfNoEntry: false }) ?? null;

/** Write the marker into a tree being built (mode and time as the tree's files). */
export function writeMarker(root: string): void {
  const p = join(root, MARKER);
  writeFileSync(p, MARKER_TEXT, { mode: 0o444 });
  utimesSync(p, 1, 1);
  utimesSync(root, 1, 1);
}

/** Does `dir` hold the marker a build wrote (a regular file with the build's text)? */
export function hasMarker(dir: string): boolean {
  const st = lstatOrNull(join(dir, MARKER));
  if (st === null || !st.isFile() || st.size !== Buffer.byteLength(MARKER_TEXT)) return false;
  return readFileSync(join(dir, MARKER), "utf8") === MARKER_TEXT;
}

/** Why `dir` may not be replaced by a build, or null if it may (absent, empty, an earlier build's tree). */
export function notReplaceable(dir: string): string | null {
  const st = lstatOrNull(dir);
  if (st === null) return null;
  if (st.isSymbolicLink()) return "it is a symbolic link";
  if (!st.isDirectory()) return "it is not a directory";
  const names = readdirSync(dir);
  if (names.length === 0) return null;
  if (!hasMarker(dir))
    return `it is not empty and has no marker (${MARKER}) saying an earlier nixmod build wrote it`;
  const other = names.find((n) => !TREE_TOP.has(n));
  return other === undefined
    ? null
    : `it is an earlier build's tree, but holds ${JSON.stringify(other)}, which nixmod build did not write`;
}

/** Is `dir` absent, empty, or an earlier build's tree (see notReplaceable)? */
export const replaceable = (dir: string): boolean => notReplaceable(dir) === null;

/**
 * The absolute path of `out` after checking that it can be a build's directory at all: a
 * path, not the working directory or one holding it, not a symbolic link, in a directory
 * that exists. (Whether its contents may be replaced is notReplaceable's.)
 */
export function outDirPath(out: string): string {
  if (out === "") throw new BuildError("the output directory is an empty path");
  const abs = resolve(out);
  const parent = dirname(abs);
  if (abs === parent) throw new BuildError(`refusing to replace ${out}: it is the root directory`);
  let cwd = process.cwd();
  try {
    cwd = realpathSync(cwd);
  } catch {
    // (a working directory removed meanwhile: as it is)
  }
  const realAbs = (() => {
    try {
      return join(realpathSync(parent), basename(abs));
    } catch {
      return abs;
    }
  })();
  if (cwd === realAbs || cwd.startsWith(realAbs + sep)) {
    throw new BuildError(
      `refusing to replace ${out}: it is the working directory${cwd === realAbs ? "" : " or holds it"}; give a directory of its own for the build (--out out)`,
    );
  }
  const st = lstatOrNull(abs);
  if (st?.isSymbolicLink()) {
    throw new BuildError(
      `refusing to replace ${out}: it is a symbolic link; give the path of a directory (the link's target, or a new one)`,
    );
  }
  const p = lstatOrNull(parent);
  if (p === null || !statSync(parent, { throwIfNoEntry: false })?.isDirectory()) {
    throw new BuildError(
      `cannot write ${out}: ${p === null ? `the directory ${parent} does not exist (nixmod build makes DIR, not its parents)` : `${parent} is not a directory`}`,
    );
  }
  return abs;
}

/** A folder beside `out` (absolute) of the given kind (`build`: staging, `old`: the replaced tree), for this process. */
const beside = (out: string, kind: "build" | "old"): string =>
  join(dirname(out), `.${basename(out)}.nixmod-${kind}-${process.pid}`);

/** A fresh directory next to `out` to build in (for this process). */
export const stagingDir = (out: string): string => beside(resolve(out), "build");

/** A build's lock on DIR. */
export interface OutDirLock {
  readonly path: string;
  readonly token: string;
}

/** Is the process of a lock's text (`PID HOST ...`) alive, as far as this host can tell? */
function holderAlive(text: string): { pid: string; alive: boolean } {
  const [pid = "?", host = ""] = text.trim().split(" ");
  if (host !== hostname() || !/^\d+$/.test(pid)) return { pid, alive: true };
  try {
    process.kill(Number(pid), 0);
  } catch (e) {
    return { pid, alive: (e as NodeJS.ErrnoException).code === "EPERM" };
  }
  // (A process killed but not yet reaped, a zombie, is no build: Linux says so in /proc.)
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return { pid, alive: stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z" };
  } catch {
    return { pid, alive: true };
  }
}

const lockHeld = (out: string, pid: string, lock: string): BuildError =>
  new BuildError(
    `another nixmod build (process ${pid}) is writing ${out}: it holds the lock ${lock}. Wait until it has finished; if no such build runs, remove ${lock}`,
  );

/** Take the lock on `out` (absolute), or throw a BuildError naming the build that holds it. */
export function takeLock(out: string): OutDirLock {
  const path = join(dirname(out), `.${basename(out)}.nixmod-lock`);
  const token = `${process.pid} ${hostname()} ${randomBytes(8).toString("hex")}`;
  // (Made whole, then linked to its name, which fails if the name exists: another build never
  // reads a lock that is there but not yet written.)
  const made = `${path}.${process.pid}.new`;
  try {
    writeFileSync(made, token + "\n", { mode: 0o644 });
  } catch (e) {
    throw new BuildError(`cannot write beside ${out}: ${(e as Error).message}`);
  }
  try {
    return lockBy(out, path, made, token);
  } finally {
    rmSync(made, { force: true });
  }
}

function lockBy(out: string, path: string, made: string, token: string): OutDirLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      linkSync(made, path);
      return { path, token };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new BuildError(`cannot write beside ${out}: ${(e as Error).message}`);
      }
    }
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue; // (released meanwhile: try again)
    }
    const { pid, alive } = holderAlive(text);
    if (alive) throw lockHeld(out, pid, path);
    // Its build is gone: take the lock over. Moved aside first, so that if another build took
    // it over meanwhile, its fresh lock is put back rather than removed.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    if (readFileSync(aside, "utf8") !== text) {
      try {
        linkSync(aside, path);
      } catch {
        // (a third build has it now)
      }
      rmSync(aside, { force: true });
      continue;
    }
    rmSync(aside, { force: true });
  }
  const text = (() => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return "?";
    }
  })();
  throw lockHeld(out, holderAlive(text).pid, path);
}

/** Is the lock still this build's (not taken over by another meanwhile)? */
function stillHeld(lock: OutDirLock): boolean {
  try {
    return readFileSync(lock.path, "utf8") === lock.token + "\n";
  } catch {
    return false;
  }
}

/** Release the lock, if it is still this build's. */
export function releaseLock(lock: OutDirLock): void {
  if (stillHeld(lock)) rmSync(lock.path, { force: true });
}

/**
 * Under the lock: what interrupted builds left beside `out` (absolute) put right. An old tree
 * whose DIR is gone (a build killed between its two renames) becomes DIR again; every other
 * staging folder or old tree is removed. Returns what was done, for the log.
 */
export function cleanLeftovers(out: string): string[] {
  const prefix = `.${basename(out)}.nixmod-`;
  const parent = dirname(out);
  const done: string[] = [];
  const names = readdirSync(parent).filter((n) => n.startsWith(prefix));
  // A lock being made by a build killed meanwhile (see takeLock).
  for (const name of names) {
    const m = /^lock\.(\d+)\.new$/.exec(name.slice(prefix.length));
    if (m !== null && !holderAlive(`${m[1]} ${hostname()}`).alive)
      rmSync(join(parent, name), { force: true });
  }
  const left = names.filter((n) => /^(build|old)-\d+$/.test(n.slice(prefix.length)));
  for (const name of left.sort()) {
    const p = join(parent, name);
    if (name.slice(prefix.length).startsWith("old-") && lstatOrNull(out) === null) {
      renameSync(p, out);
      done.push(`put back ${out}, the tree an interrupted build had moved to ${p}`);
    } else {
      rmSync(p, { recursive: true, force: true });
      done.push(`removed ${p}, left by an interrupted build`);
    }
  }
  return done;
}

/**
 * Put the staged tree in place of `out` (absolute), under `lock`, after checking again that
 * `out` may be replaced: see the file's comment for the renames.
 */
export function commitTree(staging: string, out: string, lock: OutDirLock): void {
  if (!stillHeld(lock)) {
    throw new BuildError(`another nixmod build took the lock on ${out} (${lock.path}); nothing was written`);
  }
  const why = notReplaceable(out);
  if (why !== null) throw new BuildError(`refusing to replace ${out}: ${why}`);
  if (lstatOrNull(out) === null) {
    renameSync(staging, out);
    return;
  }
  const old = beside(out, "old");
  renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}

/**
 * While `f` runs: on SIGINT, SIGTERM or SIGHUP, remove `paths()` (the staging folder) and
 * release the lock, then die of the signal as the process would have.
 */
export async function cleanedOnSignals<T>(
  lock: OutDirLock,
  paths: () => readonly string[],
  f: () => Promise<T>,
): Promise<T> {
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handler = (signal: NodeJS.Signals): void => {
    for (const p of paths()) rmSync(p, { recursive: true, force: true });
    releaseLock(lock);
    for (const s of signals) process.removeListener(s, handler);
    process.kill(process.pid, signal);
  };
  for (const s of signals) process.on(s, handler);
  try {
    return await f();
  } finally {
    for (const s of signals) process.removeListener(s, handler);
  }
}
