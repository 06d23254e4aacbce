// The build's output directory (docs/security.md, section 7): `nixmod build --out DIR` replaces
// DIR only when a marker it wrote itself says DIR is an earlier build's tree; it holds a lock
// on DIR while it builds; DIR is replaced by renames, so that a build killed at any point
// leaves the old tree or the new one (never a half-deleted one), and the next build cleans up
// what it left; on SIGINT/SIGTERM a build removes its staging folder and its lock. A DIR that
// cannot be a build's (`.`, "", a symbolic link, under a missing parent) is an `error:`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { build, BuildError, findTools } from "../../src/build/index.js";
import type { Module } from "../../src/lib/module-types.js";
import { readTree, tempDir } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "..", "bin", "nixmod.js");
const tools = findTools();

let tmp: string;
/** A PATH with bash and shellcheck, without systemd-analyze (quicker: units are not verified). */
let bashOnly: string;
beforeAll(() => {
  tmp = tempDir("out-dir");
  bashOnly = join(tmp, "no-systemd-analyze");
  mkdirSync(bashOnly);
  symlinkSync(tools.bash!, join(bashOnly, "bash"));
  symlinkSync(tools.shellcheck!, join(bashOnly, "shellcheck"));
});

/** stderr of a build that succeeded: nothing but the warning that units were not verified. */
const quietSuccess = (stderr: string): string =>
  stderr.replace(/^nixmod build: warning: unit files not verified: systemd-analyze is not installed\n/m, "");

/** A host of one unit (in the library's terms). */
const oneUnit = [
  {
    systemd: {
      units: { "x.service": { text: "[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/true\n" } },
    },
  },
] as Module[];

/** A host of `n` units `<prefix>NNNN.service` with text only (each `with` a job script when asked). */
function unitsHost(file: string, prefix: string, n: number, scripts = false): string {
  const services: Record<string, unknown> = {};
  const units: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const name = `${prefix}${String(i).padStart(4, "0")}`;
    if (scripts) services[name] = { script: `echo ${name}` };
    else units[`${name}.service`] = { text: `[Unit]\nDescription=${name}\n` };
  }
  const p = join(tmp, file);
  writeFileSync(p, JSON.stringify({ systemd: scripts ? { services } : { units } }));
  return p;
}

const nixmod = (args: string[], cwd = tmp) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PATH: bashOnly },
    timeout: 120_000,
  });

/** What is next to `out` that a build left there (staging folders, old trees, a lock). */
const leftovers = (out: string): string[] =>
  readdirSync(dirname(out)).filter((n) => n.startsWith(`.${out.slice(dirname(out).length + 1)}.nixmod-`));

/** The files of a tree, without modes and times (what a user sees). */
const files = (root: string) => readTree(root).map((n) => n.path);

/** A build started in a process group of its own, so that it can be killed whole, like a terminal does. */
function startBuild(args: string[]) {
  const child = spawn(process.execPath, [bin, "build", ...args], {
    cwd: tmp,
    env: { ...process.env, PATH: bashOnly },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((res) =>
    child.on("exit", (code, signal) => res({ code, signal, stderr })),
  );
  return { child, exited, killGroup: (sig: NodeJS.Signals) => process.kill(-child.pid!, sig) };
}

/** Poll (busily: a build's steps take milliseconds) until `f` holds or `ms` pass. */
function waitUntil(f: () => boolean, ms: number): boolean {
  const end = Date.now() + ms;
  while (Date.now() < end) if (f()) return true;
  return false;
}

describe("DIR is replaced only when the build's own marker says it is an earlier build", () => {
  it("a directory holding only nix/ and etc/ of the user's is refused, and kept", async () => {
    const out = join(tmp, "proj");
    mkdirSync(join(out, "nix"), { recursive: true });
    mkdirSync(join(out, "etc"), { recursive: true });
    writeFileSync(join(out, "nix", "default.nix"), "{ }\n");
    writeFileSync(join(out, "etc", "hosts"), "127.0.0.1 box\n");
    const r = nixmod(["build", unitsHost("small.json", "s", 2), "--out", out]);
    expect(r.stderr).toMatch(/^error: refusing to replace .*proj: .*marker/m);
    expect(r.status).toBe(1);
    expect(readFileSync(join(out, "nix", "default.nix"), "utf8")).toBe("{ }\n");
    expect(files(out)).toEqual(["etc", "etc/hosts", "nix", "nix/default.nix"]);
  });

  it("a build writes the marker; a rebuild replaces that tree; a file the user added at its top is kept", async () => {
    const host = oneUnit;
    const out = join(tmp, "marked");
    await build({ modules: host, out, tools });
    expect(files(out)).toContain(".nixmod-build");
    expect(readFileSync(join(out, ".nixmod-build"), "utf8")).toMatch(/nixmod build/);
    await build({ modules: host, out, tools });
    writeFileSync(join(out, "notes.txt"), "mine");
    await expect(build({ modules: host, out, tools })).rejects.toThrow(/refusing to replace/);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
  });

  it("an empty directory and a missing one are written", async () => {
    const host = oneUnit;
    mkdirSync(join(tmp, "empty"));
    await build({ modules: host, out: join(tmp, "empty"), tools });
    await build({ modules: host, out: join(tmp, "absent"), tools });
    expect(files(join(tmp, "empty"))).toEqual(files(join(tmp, "absent")));
  });
});

describe("DIR that cannot be a build's is an error, not a JavaScript exception", () => {
  const host = () => unitsHost("tiny.json", "t", 1);
  const refused = (args: string[], pattern: RegExp, status = 1, cwd = tmp) => {
    const r = nixmod(["build", host(), ...args], cwd);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/internal error|JavaScript exception| {4}at /);
    expect(r.status).toBe(status);
  };

  it("--out .", () => {
    const cwd = join(tmp, "cwd-empty");
    mkdirSync(cwd);
    refused(["--out", "."], /^error: .*working directory/m, 1, cwd);
    refused(["--out", "."], /^error: .*working directory/m, 1, tmp);
    expect(existsSync(cwd)).toBe(true);
  });

  it('--out ""', () => {
    refused(["--out", ""], /^nixmod: build needs --out DIR/m, 2);
  });

  it("--out a symbolic link (dangling or not)", () => {
    symlinkSync("/nonexistent/x", join(tmp, "dangling"));
    refused(["--out", "dangling"], /^error: .*dangling.* is a symbolic link/m);
    mkdirSync(join(tmp, "real"));
    symlinkSync(join(tmp, "real"), join(tmp, "link"));
    refused(["--out", "link"], /^error: .*link.* is a symbolic link/m);
  });

  it("--out under a missing parent, or a file", () => {
    refused(["--out", "missing/sub/dir"], /^error: .*missing\/sub.* does not exist/m);
    writeFileSync(join(tmp, "a-file"), "");
    refused(["--out", "a-file"], /^error: refusing to replace .*a-file: it is not a directory/m);
  });
});

describe("replacing DIR: locked, by renames, cleaned up after signals", () => {
  it("a build killed at any moment of replacing a tree leaves the old tree or the new one, and the next build cleans up", async () => {
    const out = join(tmp, "big");
    const old = unitsHost("old.json", "a", 3000);
    const next = unitsHost("new.json", "b", 3000);
    expect(nixmod(["build", "-q", next, "--out", join(tmp, "big-new")]).status).toBe(0);
    const newFiles = files(join(tmp, "big-new"));
    expect(nixmod(["build", "-q", old, "--out", out]).status).toBe(0);
    const oldFiles = files(out);
    // Kill the build (its whole process group, SIGKILL) the moment anything of the old tree is gone.
    const watched = ["a0000", "a1500", "a2999"].map((n) => join(out, "etc/systemd/system", `${n}.service`));
    const b = startBuild(["-q", next, "--out", out]);
    const caught = waitUntil(() => watched.some((f) => !existsSync(f)), 60_000);
    b.killGroup("SIGKILL");
    await b.exited;
    expect(caught).toBe(true);
    if (existsSync(out)) {
      expect([oldFiles, newFiles]).toContainEqual(files(out));
    } else {
      // Between the two renames: the old tree is beside DIR, whole.
      const kept = leftovers(out).find((n) => n.includes("nixmod-old-"));
      expect(kept).toBeDefined();
      expect(files(join(dirname(out), kept!))).toEqual(oldFiles);
    }
    // The next build puts things right, and leaves nothing beside DIR.
    const r = nixmod(["build", "-q", next, "--out", out]);
    expect(quietSuccess(r.stderr)).toBe("");
    expect(r.status).toBe(0);
    expect(files(out)).toEqual(newFiles);
    expect(leftovers(out)).toEqual([]);
  }, 180_000);

  it("six concurrent builds into one DIR: each builds or says another build holds the lock; DIR is whole", async () => {
    const out = join(tmp, "concurrent");
    const host = unitsHost("conc.json", "c", 1000, true);
    const builds = Array.from({ length: 6 }, () => startBuild(["-q", host, "--out", out]));
    const results = await Promise.all(builds.map((b) => b.exited));
    for (const r of results) {
      if (r.code === 0) expect(quietSuccess(r.stderr)).toBe("");
      else {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          /^error: another nixmod build \(process \d+\) is writing .*concurrent: it holds the lock/m,
        );
      }
    }
    expect(results.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    // Every unit's job script is there.
    const tree = readTree(out);
    const units = tree.filter((n) => n.type === "file" && n.path.startsWith("etc/systemd/system/c"));
    expect(units).toHaveLength(1000);
    for (const u of units) {
      const start = /ExecStart=(\S+)/.exec((u as { contents: string }).contents)![1]!;
      expect(existsSync(join(out, start))).toBe(true);
    }
    expect(leftovers(out)).toEqual([]);
  }, 180_000);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} during the checks: the staging folder and the lock are removed, DIR is left as it was`, async () => {
      const out = join(tmp, `signalled-${signal}`);
      const host = unitsHost(`sig-${signal}.json`, "g", 1500, true);
      const b = startBuild(["-q", host, "--out", out]);
      const staged = waitUntil(() => leftovers(out).some((n) => n.includes("nixmod-build-")), 60_000);
      b.killGroup(signal);
      const r = await b.exited;
      expect(staged).toBe(true);
      expect(r.signal ?? r.code).toBeTruthy();
      expect(leftovers(out)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }, 120_000);
  }

  it("a lock whose build is gone (killed) is taken over; a live one is refused with its process", async () => {
    const host = oneUnit;
    const out = join(tmp, "locked");
    const lock = join(tmp, ".locked.nixmod-lock");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout;
    writeFileSync(lock, `${dead} ${hostname()} x\n`);
    await build({ modules: host, out, tools });
    expect(existsSync(lock)).toBe(false);
    // A lock held by a live process (this one).
    writeFileSync(lock, `${process.pid} ${hostname()} x\n`);
    const e = await build({ modules: host, out, tools }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BuildError);
    expect((e as Error).message).toMatch(
      new RegExp(`another nixmod build \\(process ${process.pid}\\) is writing .*locked: it holds the lock`),
    );
    expect(existsSync(lock)).toBe(true);
  });
});
