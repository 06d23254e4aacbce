// A user's project, made as docs/new-project.md says, word for word: the package under test
// packed as its page says (`npm pack` runs its build), then every command of the page run and
// every file of it written, in order, in a new folder next to the package, and what the page
// shows a command printing compared with what it prints. Then every TypeScript sample of the
// docs (and the README) is written into that project, type-checked under its strict tsconfig
// against the installed package, and run as a user runs it: a module with `nixmod eval`, a
// test with vitest, a script with tsx.
//
// The one thing done here that the page does not say: the machine reaches no registry but
// npm's, and the test must not need it, so before `npm install` the project gets a
// package-lock.json made from this repository's (the same versions of the same packages, all
// in npm's cache), and npm runs offline.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const docs = join(root, "docs");

/** A fenced block of a Markdown page: its language, its text, and the page's text before it (since the last block). */
interface Block {
  readonly lang: string;
  readonly text: string;
  readonly before: string;
}

function blocks(page: string): Block[] {
  const out: Block[] = [];
  let last = 0;
  for (const m of page.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)) {
    out.push({ lang: m[1]!, text: m[2]!, before: page.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  return out;
}

/**
 * The file a block is, if it is one: named by its first line (`// modules/myapp.ts`, perhaps
 * followed by a remark) or by the text before it, which ends with "`package.json`:".
 */
function fileOf(b: Block): { path: string; remark: string } | undefined {
  const first = /^\/\/ ([\w./-]+\.[cm]?[jt]s)\b(.*)$/.exec(b.text.split("\n")[0]!);
  if (first) return { path: first[1]!, remark: first[2]! };
  const prose = /`([\w./-]+)`:\s*$/.exec(b.before);
  return prose ? { path: prose[1]!, remark: "" } : undefined;
}

/** The environment of the user's commands: npm offline, nothing of this test run's npm or vitest. */
function userEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|TEST$|NODE_ENV$|CI$|INIT_CWD$|NODE_OPTIONS$)/.test(k)) env[k] = v;
  }
  return {
    ...env,
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    NIXMOD_COMPILE_CACHE: join(tmp, "compile-cache"),
  };
}

let tmp: string;
let env: NodeJS.ProcessEnv;

/** Run `script` with sh in `cwd`: its status, output, and the directory it ended in. */
function sh(
  script: string,
  cwd: string,
): { status: number | null; stdout: string; stderr: string; cwd: string } {
  const r: SpawnSyncReturns<string> = spawnSync("sh", ["-e", "-c", `${script}\npwd >&3`], {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    timeout: 300_000,
  });
  const end = String((r.output as (string | null)[])[3] ?? "").trim();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, cwd: end === "" ? cwd : end };
}

const shown = (r: { status: number | null; stdout: string; stderr: string }): string =>
  `status ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** The project's package-lock.json: this repository's, as the lock of a project named `name`. */
function seedLock(dir: string): void {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string };
  lock.name = name;
  delete lock.version;
  lock.packages[""] = { name };
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
}

let project: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-user-"));
  env = userEnv(tmp);
  // The package as its page says to make it: `npm pack` in the package's folder (which runs
  // its build), from a copy of what packing and building read.
  const pkg = join(tmp, "nixmod");
  for (const f of [
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "tsconfig.build.json",
    "README.md",
    "scripts",
    "src",
    "bin",
    "docs",
  ]) {
    cpSync(join(root, f), join(pkg, f), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"));
  const packed = sh("npm pack", pkg);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${shown(packed)}`);
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("docs/new-project.md, followed word for word", () => {
  it("makes a project that installs the package, checks its types, passes its test and builds", () => {
    const page = readFileSync(join(docs, "new-project.md"), "utf8");
    const all = blocks(page);
    let cwd = tmp;
    let ran = 0;
    for (let i = 0; i < all.length; i++) {
      const b = all[i]!;
      if (b.lang === "sh") {
        if (b.before.includes("<!-- not run by the test")) {
          // (its `npm pack` made the tarball the page names: the package under test's)
          expect(b.text).toContain("npm pack");
          const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
            version: string;
          };
          expect(existsSync(join(tmp, "nixmod", `nixmod-${version}.tgz`))).toBe(true);
          continue;
        }
        if (/^npm install$/m.test(b.text) && !existsSync(join(cwd, "package-lock.json"))) seedLock(cwd);
        const r = sh(b.text, cwd);
        expect(r.status, `${b.text}\n${shown(r)}`).toBe(0);
        // Installing the package runs none of its scripts (npm names any it would run).
        expect(r.stderr).not.toMatch(/nixmod@[^ ]* \(/);
        ran++;
        cwd = r.cwd;
        // What the page shows the command printing: the block right after it.
        const next = all[i + 1];
        if (next !== undefined && next.before.trim() === "" && ["json", "text"].includes(next.lang)) {
          expect(r.stdout.trim(), b.text).toBe(next.text.trim());
          i++;
        }
        continue;
      }
      const file = fileOf(b);
      expect(
        file,
        `a block of new-project.md that is neither a command nor a file:\n${b.text}`,
      ).toBeDefined();
      mkdirSync(dirname(join(cwd, file!.path)), { recursive: true });
      writeFileSync(join(cwd, file!.path), b.text);
    }
    project = cwd;
    expect(ran).toBeGreaterThanOrEqual(6);
    expect(project).toBe(join(tmp, "my-hosts"));
    // What the commands left: the package installed with its build and no script run, the
    // snapshot the test wrote, the built tree.
    expect(existsSync(join(project, "node_modules", "nixmod", "dist", "bundle", "cli.cjs"))).toBe(true);
    const installed = JSON.parse(
      readFileSync(join(project, "node_modules", "nixmod", "package.json"), "utf8"),
    );
    expect(Object.keys(installed.scripts).filter((s) => /install|prepare/.test(s))).toEqual([]);
    expect(existsSync(join(project, "test", "__snapshots__", "web.services.json"))).toBe(true);
    expect(readdirSync(join(project, "result", "etc", "systemd", "system")).sort()).toEqual(
      expect.arrayContaining([
        "podman-myapp-1.service",
        "podman-myapp-2.service",
        "podman-myapp-metrics.service",
      ]),
    );
  }, 600_000);
});

describe("every TypeScript sample of the docs, in that project", () => {
  it("is a file that type-checks under the project's strict tsconfig and runs as written", () => {
    expect(project, "the project of docs/new-project.md").toBeDefined();
    // The repository's examples, which samples import (as a clone has them).
    cpSync(join(root, "examples"), join(project, "examples"), { recursive: true });
    // The typings of every type, under the project's tsconfig against the installed package.
    cpSync(
      join(root, "test", "types", "every-type.test-d.ts"),
      join(project, "test", "every-type.test-d.ts"),
    );

    const pages = [
      "README.md",
      ...readdirSync(docs)
        .filter((f) => f.endsWith(".md") && f !== "new-project.md")
        .map((f) => `docs/${f}`),
    ];
    const samples: { page: string; path: string; remark: string; text: string }[] = [];
    for (const page of pages) {
      for (const b of blocks(readFileSync(join(root, page), "utf8"))) {
        if (b.lang !== "ts") continue;
        const file = fileOf(b);
        expect(file, `${page}: a TypeScript sample that names no file:\n${b.text}`).toBeDefined();
        const target = join(project, file!.path);
        if (existsSync(target)) {
          // A sample of a file the project has (an example): the file, word for word.
          expect(b.text, `${page}: ${file!.path}`).toBe(readFileSync(target, "utf8"));
        } else {
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, b.text);
        }
        samples.push({ page, path: file!.path, remark: file!.remark, text: b.text });
      }
    }
    expect(samples.length).toBeGreaterThanOrEqual(14);

    const tsc = sh("npx tsc", project);
    expect(tsc.status, shown(tsc)).toBe(0);

    const tests: string[] = [];
    for (const s of samples) {
      if (/\.test\.[cm]?[jt]s$/.test(s.path)) {
        tests.push(s.path);
        continue;
      }
      const fails = /\(fails: "(.*)"\)/.exec(s.remark)?.[1];
      const command = /^export default /m.test(s.text) ? `npx nixmod eval ${s.path}` : `npx tsx ${s.path}`;
      const r = sh(command, project);
      if (fails === undefined) expect(r.status, `${s.page}: ${command}\n${shown(r)}`).toBe(0);
      else {
        expect(r.status, `${s.page}: ${command} should fail\n${shown(r)}`).toBe(1);
        expect(r.stderr).toContain(fails);
      }
    }
    const vitest = sh(`npx vitest run ${tests.join(" ")}`, project);
    expect(vitest.status, shown(vitest)).toBe(0);
  }, 600_000);
});
