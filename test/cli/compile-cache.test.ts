// bin/compile-cache.cjs: requiring a CommonJS file with V8's code cache, as the nixmod command
// loads its bundle. Each case runs in a process of its own: a cache entry is written at exit.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheDir, entryName } from "../../bin/compile-cache.cjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const loader = join(root, "bin", "compile-cache.cjs");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nixmod-cc-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS file whose `value()` is `text`, with a few functions for V8 to compile. */
function moduleFile(text: string): string {
  const file = join(dir, "m.cjs");
  writeFileSync(
    file,
    `"use strict";
const parts = (s) => s.split("").map((c) => c.toUpperCase());
exports.value = () => parts(${JSON.stringify(text)}).join("");
exports.loadedAs = () => module.id;
`,
  );
  return file;
}

interface Run {
  status: number | null;
  stderr: string;
  result: { cache: string; value: string; same: boolean } | undefined;
}

/** Require `file` through the loader in a new process with `env`: what the cache was, and the module's value. */
function run(file: string, env: Record<string, string>): Run {
  const script = `
const c = require(${JSON.stringify(loader)});
const m = c.requireCached(${JSON.stringify(file)});
process.stdout.write(JSON.stringify({
  cache: c.cacheStatus(${JSON.stringify(file)}),
  value: m.value(),
  same: require(${JSON.stringify(file)}) === m && c.requireCached(${JSON.stringify(file)}) === m,
}));`;
  const r = spawnSync(process.execPath, ["-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: dir, ...env },
  });
  return { status: r.status, stderr: r.stderr, result: r.stdout ? JSON.parse(r.stdout) : undefined };
}

const entries = (cache: string): string[] => (existsSync(cache) ? readdirSync(cache).sort() : []);

describe("requireCached", () => {
  it("writes an entry when there is none, and V8 takes it the next time", () => {
    const file = moduleFile("abc");
    const cache = join(dir, "cache");
    const first = run(file, { NIXMOD_COMPILE_CACHE: cache });
    expect(first).toEqual({ status: 0, stderr: "", result: { cache: "missing", value: "ABC", same: true } });
    const written = entries(cache);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^m\.cjs-[0-9a-f]{32}\.v8cache$/);
    expect(statSync(join(cache, written[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const second = run(file, { NIXMOD_COMPILE_CACHE: cache });
    expect(second.result).toEqual({ cache: "accepted", value: "ABC", same: true });
    expect(entries(cache)).toEqual(written);
  });

  it("does not run a changed file's old code, even at the same length", () => {
    const cache = join(dir, "cache");
    run(moduleFile("abc"), { NIXMOD_COMPILE_CACHE: cache });
    const before = entries(cache);
    const changed = run(moduleFile("xyz"), { NIXMOD_COMPILE_CACHE: cache });
    expect(changed.result).toEqual({ cache: "missing", value: "XYZ", same: true });
    const after = entries(cache);
    expect(after).toHaveLength(2);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it("keeps the newest four entries of a file", () => {
    const cache = join(dir, "cache");
    const written: string[] = [];
    ["aaa", "bbb", "ccc", "ddd", "eee"].forEach((text, i) => {
      const before = entries(cache);
      expect(run(moduleFile(text), { NIXMOD_COMPILE_CACHE: cache }).result?.value).toBe(text.toUpperCase());
      const made = entries(cache).find((e) => !before.includes(e))!;
      written.push(made);
      // Seconds apart, as on a file system whose times are coarser than these runs.
      utimesSync(join(cache, made), 1000 + i, 1000 + i);
    });
    expect(entries(cache)).toEqual(written.slice(1).sort());
  });

  it("rewrites an entry V8 refuses (here: not a code cache at all)", () => {
    const file = moduleFile("abc");
    const cache = join(dir, "cache");
    run(file, { NIXMOD_COMPILE_CACHE: cache });
    const [name] = entries(cache);
    writeFileSync(join(cache, name!), "not bytecode");
    const refused = run(file, { NIXMOD_COMPILE_CACHE: cache });
    expect(refused).toEqual({
      status: 0,
      stderr: "",
      result: { cache: "rejected", value: "ABC", same: true },
    });
    expect(run(file, { NIXMOD_COMPILE_CACHE: cache }).result?.cache).toBe("accepted");
  });

  it("with NIXMOD_DISABLE_COMPILE_CACHE=1, loads the file and writes nothing", () => {
    const file = moduleFile("abc");
    const cache = join(dir, "cache");
    const off = run(file, { NIXMOD_COMPILE_CACHE: cache, NIXMOD_DISABLE_COMPILE_CACHE: "1" });
    expect(off.result).toEqual({ cache: "off", value: "ABC", same: true });
    expect(existsSync(cache)).toBe(false);
  });

  it("loads the file, silently, where the cache cannot be written", () => {
    const file = moduleFile("abc");
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    const r = run(file, { NIXMOD_COMPILE_CACHE: join(blocker, "cache") });
    expect(r).toEqual({ status: 0, stderr: "", result: { cache: "missing", value: "ABC", same: true } });
  });

  it("reports a file's own error, and a later require tries the file again", () => {
    const file = join(dir, "bad.cjs");
    writeFileSync(file, 'globalThis.tries = (globalThis.tries ?? 0) + 1;\nthrow new Error("bad module");\n');
    const script = `
const c = require(${JSON.stringify(loader)});
for (let i = 0; i < 2; i++) { try { c.requireCached(${JSON.stringify(file)}); } catch (e) { console.log(e.message, globalThis.tries); } }`;
    const r = spawnSync(process.execPath, ["-e", script], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NIXMOD_COMPILE_CACHE: join(dir, "cache") },
    });
    expect(r.stdout).toBe("bad module 1\nbad module 2\n");
  });
});

describe("two installs of the same file", () => {
  it("do not share an entry: each one's stack traces name its own file", () => {
    const cache = join(dir, "cache");
    const text = `"use strict";\nexports.fail = function fail() { throw new Error("boom"); };\n`;
    const files = ["a", "b"].map((d) => {
      mkdirSync(join(dir, d));
      writeFileSync(join(dir, d, "m.cjs"), text);
      return join(dir, d, "m.cjs");
    });
    // (A script file, the same for both: \`node -e\` code would be among the flags hashed.)
    const script = join(dir, "throw.cjs");
    writeFileSync(
      script,
      `const c = require(${JSON.stringify(loader)});
const f = process.argv[2];
try { c.requireCached(f).fail(); } catch (e) {
  process.stdout.write(JSON.stringify({ cache: c.cacheStatus(f), at: e.stack.split("\\n")[1].trim() }));
}`,
    );
    const where = (file: string) => {
      const r = spawnSync(process.execPath, [script, file], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: dir, NIXMOD_COMPILE_CACHE: cache },
      });
      return JSON.parse(r.stdout) as { cache: string; at: string };
    };
    expect(where(files[0]!)).toEqual({ cache: "missing", at: `at Object.fail (${files[0]}:2:40)` });
    expect(where(files[1]!)).toEqual({ cache: "missing", at: `at Object.fail (${files[1]}:2:40)` });
    expect(where(files[1]!)).toEqual({ cache: "accepted", at: `at Object.fail (${files[1]}:2:40)` });
    expect(where(files[0]!)).toEqual({ cache: "accepted", at: `at Object.fail (${files[0]}:2:40)` });
  });
});

/**
 * Plant, as an attacker who can write the cache directory would, an entry for `file` (in a
 * process run as `run` runs it) holding the bytecode of `evil`, a text of the same length,
 * which V8's own check lets through. Returns the entry's path.
 */
function plant(file: string, evil: string, cache: string): string {
  const good = readFileSync(file, "utf8");
  const scratch = (name: string): string => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  // The entry `file` has: its name, from a run with a cache of its own.
  const named = scratch("named");
  run(file, { NIXMOD_COMPILE_CACHE: named });
  const [name] = entries(named);
  // The bytecode of `evil`, written by a run of it.
  writeFileSync(file, evil);
  const compiled = scratch("compiled");
  run(file, { NIXMOD_COMPILE_CACHE: compiled });
  writeFileSync(file, good);
  const entry = join(cache, name!);
  writeFileSync(entry, readFileSync(join(compiled, entries(compiled)[0]!)));
  rmSync(named, { recursive: true });
  rmSync(compiled, { recursive: true });
  return entry;
}

describe("a cache that others can write is not used", () => {
  it("the attack: planted bytecode of the same length runs when the directory is trusted", () => {
    const file = moduleFile("abc");
    const cache = join(dir, "cache");
    mkdirSync(cache, { mode: 0o700 });
    plant(file, readFileSync(file, "utf8").replace('"abc"', '"pwn"'), cache);
    expect(run(file, { NIXMOD_COMPILE_CACHE: cache }).result).toMatchObject({
      cache: "accepted",
      value: "PWN",
    });
  });

  it("a directory writable by group or others: its entries are not run, nothing is written there, and stderr says why once", () => {
    const file = moduleFile("abc");
    const cache = join(dir, "cache");
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    const planted = plant(file, readFileSync(file, "utf8").replace('"abc"', '"pwn"'), cache);
    const r = run(file, { NIXMOD_COMPILE_CACHE: cache });
    expect(r.result).toEqual({ cache: "untrusted", value: "ABC", same: true });
    expect(r.stderr).toBe(
      `nixmod: not using the compile cache ${cache}: it is writable by its group and others (mode 0777); ` +
        `make it the user's own and private (chmod 700 ${cache}), or name another with NIXMOD_COMPILE_CACHE\n`,
    );
    expect(entries(cache)).toEqual([planted.slice(cache.length + 1)]);
    chmodSync(cache, 0o770);
    expect(run(file, { NIXMOD_COMPILE_CACHE: cache }).stderr).toMatch(
      /it is writable by its group \(mode 0770\)/,
    );
  });

  it("an entry writable by group or others, or not a regular file, is not run, and is rewritten", () => {
    const file = moduleFile("abc");
    const cache = join(dir, "cache");
    mkdirSync(cache, { mode: 0o700 });
    const planted = plant(file, readFileSync(file, "utf8").replace('"abc"', '"pwn"'), cache);
    chmodSync(planted, 0o666);
    const r = run(file, { NIXMOD_COMPILE_CACHE: cache });
    expect(r.result).toEqual({ cache: "untrusted", value: "ABC", same: true });
    expect(r.stderr).toMatch(
      /^nixmod: not using the compile cache entry .*: it is writable by its group and others \(mode 0666\)/,
    );
    // Rewritten by that run (the user's own, 0600): taken by the next.
    expect(statSync(planted).mode & 0o777).toBe(0o600);
    expect(run(file, { NIXMOD_COMPILE_CACHE: cache }).result).toMatchObject({
      cache: "accepted",
      value: "ABC",
    });
    rmSync(planted);
    symlinkSync(join(dir, "elsewhere"), planted);
    expect(run(file, { NIXMOD_COMPILE_CACHE: cache }).result?.cache).toBe("untrusted");
  });

  it.runIf(process.getuid?.() === 0)(
    "a directory or entry owned by another user is not used (root running with a user's cache: sudo)",
    () => {
      const file = moduleFile("abc");
      const cache = join(dir, "cache");
      mkdirSync(cache, { mode: 0o700 });
      const planted = plant(file, readFileSync(file, "utf8").replace('"abc"', '"pwn"'), cache);
      chownSync(planted, 65534, 65534);
      const entry = run(file, { NIXMOD_COMPILE_CACHE: cache });
      expect(entry.result).toEqual({ cache: "untrusted", value: "ABC", same: true });
      expect(entry.stderr).toMatch(/entry .*: it is owned by user 65534, not by this process's user \(0\)/);
      chownSync(cache, 65534, 65534);
      const directory = run(file, { NIXMOD_COMPILE_CACHE: cache });
      expect(directory.result).toEqual({ cache: "untrusted", value: "ABC", same: true });
      expect(directory.stderr).toMatch(
        new RegExp(`compile cache ${cache}: it is owned by user 65534, not by this process's user \\(0\\)`),
      );
    },
  );
});

describe("cacheDir", () => {
  it("NIXMOD_COMPILE_CACHE, else XDG_CACHE_HOME, else ~/.cache; none when disabled", () => {
    expect(cacheDir({ NIXMOD_COMPILE_CACHE: "/x/y", XDG_CACHE_HOME: "/c" })).toBe("/x/y");
    expect(cacheDir({ XDG_CACHE_HOME: "/c" })).toBe("/c/nixmod/compile-cache");
    expect(cacheDir({})).toMatch(/[/\\]\.cache[/\\]nixmod[/\\]compile-cache$/);
    expect(cacheDir({ NIXMOD_COMPILE_CACHE: "/x/y", NIXMOD_DISABLE_COMPILE_CACHE: "1" })).toBeUndefined();
  });

  it("names an entry after the file and a hash of its text and path", () => {
    expect(entryName("/p/a.cjs", "one")).toMatch(/^a\.cjs-[0-9a-f]{32}\.v8cache$/);
    expect(entryName("/p/a.cjs", "one")).toBe(entryName("/p/a.cjs", "one"));
    expect(entryName("/p/a.cjs", "one")).not.toBe(entryName("/p/a.cjs", "two"));
    expect(entryName("/p/a.cjs", "one")).not.toBe(entryName("/q/a.cjs", "one"));
  });
});

describe("the nixmod command", () => {
  it("loads its bundle through the cache: the second run takes the entry the first wrote", () => {
    const cache = join(dir, "cache");
    mkdirSync(cache, { mode: 0o700 });
    const cmd = (): { status: number | null; stdout: string; stderr: string } => {
      const r = spawnSync(
        process.execPath,
        [
          join(root, "bin", "nixmod.js"),
          "eval",
          "--attr",
          "virtualisation.oci-containers.backend",
          join(root, "examples", "host.ts"),
        ],
        { encoding: "utf8", env: { ...process.env, NIXMOD_COMPILE_CACHE: cache, NIXMOD_FROM_SOURCE: "" } },
      );
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const first = cmd();
    expect(first).toEqual({ status: 0, stdout: '"podman"\n', stderr: "" });
    expect(entries(cache)).toEqual([expect.stringMatching(/^nixmod\.cjs-[0-9a-f]{32}\.v8cache$/)]);
    const written = statSync(join(cache, entries(cache)[0]!)).mtimeMs;
    const second = cmd();
    expect(second).toEqual(first);
    // Taken, not rewritten.
    expect(statSync(join(cache, entries(cache)[0]!)).mtimeMs).toBe(written);
  });
});
