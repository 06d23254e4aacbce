"use strict";
// Requiring a CommonJS file with V8's code cache: the bytecode of the functions a run of
// the file compiled, kept on disk and handed to V8 by the next run, which then neither
// parses nor compiles them again. Node 22 does this itself (module.enableCompileCache);
// Node 20 has no such thing, and no way at all to give an ES module cached code, which is
// why the nixmod command's bundle is a CommonJS script.
//
// The cache is written when a process that found none (or one V8 refused) exits, so that
// it holds what that run compiled, the functions compiled lazily included. An entry is
// named by the file's name and a hash of its text, its path, Node's version and architecture,
// and the process's Node.js flags: V8 itself checks only the text's length and its own flags, and
// would run the bytecode of an older file of the same length. The newest four entries of a
// file's name are kept (a newer package, or other flags, beside the one). Where the cache
// cannot be read or written, the file is loaded as usual; no error of the cache is reported.
//
// Where: NIXMOD_COMPILE_CACHE (a directory), else $XDG_CACHE_HOME/nixmod/compile-cache,
// else ~/.cache/nixmod/compile-cache; NIXMOD_DISABLE_COMPILE_CACHE=1 turns it off.
//
// Whoever can write an entry can make the process run their bytecode (V8 takes bytecode for
// any text of the same length). A cache directory is used only when it is the process's
// user's own and no one else can write it (not writable by group or others), and an entry
// only when it is a regular file of the user's that no one else can write; otherwise the file
// is loaded without the cache, and stderr says why, once.
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");

/** The cache directory the environment names, or undefined for none. */
function cacheDir(env) {
  if (env.NIXMOD_DISABLE_COMPILE_CACHE === "1") return undefined;
  if (env.NIXMOD_COMPILE_CACHE) return path.resolve(env.NIXMOD_COMPILE_CACHE);
  let home = "";
  try {
    home = os.homedir();
  } catch {
    // (no home directory: no default cache)
  }
  const base = env.XDG_CACHE_HOME || (home ? path.join(home, ".cache") : "");
  return base ? path.join(base, "nixmod", "compile-cache") : undefined;
}

/**
 * The cache entry's name for `source`, the text of the file `filename` (its absolute path), in
 * this process. The path is part of it: V8's cached code keeps the name of the file it was
 * compiled from, which stack traces then show, so two installs of the same text (another
 * checkout, another project's copy) must not share an entry.
 */
function entryName(filename, source) {
  const hash = createHash("sha256")
    .update(source)
    .update(["", filename, process.version, process.arch, ...process.execArgv].join("\0"))
    .digest("hex")
    .slice(0, 32);
  return `${path.basename(filename)}-${hash}.v8cache`;
}

/**
 * Why a cache directory or entry (its stat) is not to be trusted by this process, or
 * undefined: it must be the process's user's and not writable by its group or others.
 * (Where there are no users, Windows, nothing is checked.)
 */
function untrusted(st, uid = process.getuid?.()) {
  if (uid === undefined) return undefined;
  if (st.uid !== uid) return `it is owned by user ${st.uid}, not by this process's user (${uid})`;
  const writable = [st.mode & 0o020 ? "its group" : "", st.mode & 0o002 ? "others" : ""].filter(Boolean);
  if (writable.length > 0) {
    return `it is writable by ${writable.join(" and ")} (mode ${(st.mode & 0o777).toString(8).padStart(4, "0")})`;
  }
  return undefined;
}

/** Say once per process why the cache (or an entry of it) is not used. */
let warned = false;
function warnUntrusted(what, reason, advice) {
  if (warned) return;
  warned = true;
  process.stderr.write(`nixmod: not using the compile cache ${what}: ${reason}; ${advice}\n`);
}

/**
 * The cache's state for this process: "absent" (no directory yet: it is made, 0700, when an
 * entry is written), "trusted", or the reason it is not to be used.
 */
function dirState(dir) {
  let st;
  try {
    st = fs.statSync(dir);
  } catch {
    return { state: "absent" };
  }
  if (!st.isDirectory()) return { state: "absent" };
  const reason = untrusted(st);
  return reason === undefined ? { state: "trusted" } : { state: "untrusted", reason };
}

/** How many entries of one file's name the cache keeps (other Node versions or flags). */
const KEPT_ENTRIES = 4;

/** Write `data` as `file` (whole or not at all); of the entries for the same name, keep the newest few. */
function writeEntry(dir, file, name, data) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
  const others = [];
  for (const other of fs.readdirSync(dir)) {
    const full = path.join(dir, other);
    if (other.startsWith(`${name}-`) && other.endsWith(".v8cache") && full !== file) {
      // (An entry another process removed meanwhile has no time: it is gone already.)
      const st = fs.statSync(full, { throwIfNoEntry: false });
      if (st !== undefined) others.push({ full, mtime: st.mtimeMs });
    }
  }
  others.sort((a, b) => b.mtime - a.mtime);
  for (const { full } of others.slice(KEPT_ENTRIES - 1)) fs.rmSync(full, { force: true });
}

/** What requireCached found for each file it loaded: see cacheStatus. */
const statuses = new Map();

/**
 * What requireCached found in the cache for `file` in this process: "accepted" (V8 used it),
 * "rejected" (V8 refused it: another Node or other flags; it is rewritten at exit),
 * "missing" (it is written at exit), "untrusted" (the directory or the entry is not the
 * user's own, or others can write it: not used; an entry is rewritten at exit if the
 * directory is the user's), "off" (no cache directory), or undefined (not loaded).
 */
function cacheStatus(file) {
  return statuses.get(path.resolve(file));
}

/**
 * `require(file)`, with the code cache of the environment's directory. Returns the module's
 * exports; a file already required (by this or by `require`) is not loaded again, and a
 * later `require` of it (or an `import`) gets this module.
 */
function requireCached(file, env = process.env) {
  const filename = path.resolve(file);
  const known = Module._cache[filename];
  if (known !== undefined) return known.exports;
  const source = fs.readFileSync(filename, "utf8");
  let dir = cacheDir(env);
  let refused = false;
  if (dir !== undefined) {
    const d = dirState(dir);
    if (d.state === "untrusted") {
      warnUntrusted(
        dir,
        d.reason,
        `make it the user's own and private (chmod 700 ${dir}), or name another with NIXMOD_COMPILE_CACHE`,
      );
      dir = undefined;
      refused = true;
    }
  }
  const name = path.basename(filename);
  const entry = dir === undefined ? undefined : path.join(dir, entryName(filename, source));
  let cachedData;
  if (entry !== undefined) {
    let st;
    try {
      st = fs.lstatSync(entry);
    } catch {
      st = undefined;
    }
    if (st !== undefined) {
      const reason = st.isFile() ? untrusted(st) : "it is not a regular file";
      if (reason !== undefined) {
        warnUntrusted(`entry ${entry}`, reason, "this run writes one of its own in its place");
        refused = true;
      } else {
        try {
          cachedData = fs.readFileSync(entry);
        } catch {
          cachedData = undefined;
        }
      }
    }
  }
  // (Module.wrap keeps the file's lines where they are: stack traces name the right ones.)
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const mod = new Module(filename, module);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._cache[filename] = mod;
  try {
    const wrapper = script.runInThisContext({ displayErrors: true });
    wrapper.call(
      mod.exports,
      mod.exports,
      Module.createRequire(filename),
      mod,
      filename,
      path.dirname(filename),
    );
  } catch (e) {
    delete Module._cache[filename];
    throw e;
  }
  mod.loaded = true;
  const status = refused
    ? "untrusted"
    : entry === undefined
      ? "off"
      : cachedData === undefined
        ? "missing"
        : script.cachedDataRejected
          ? "rejected"
          : "accepted";
  statuses.set(filename, status);
  // (An entry not to be trusted, in a directory that is, is replaced by the user's own.)
  if (status === "missing" || status === "rejected" || (status === "untrusted" && entry !== undefined)) {
    process.once("exit", () => {
      try {
        writeEntry(dir, entry, name, script.createCachedData());
      } catch {
        // (a cache that cannot be written: the next run compiles, as this one did)
      }
    });
  }
  return mod.exports;
}

module.exports = { requireCached, cacheStatus, cacheDir, entryName };
