// `nixmod build` as a user runs it: node bin/nixmod.js build MODULE... --out DIR.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findTools } from "../../src/build/index.js";
import { readTree, tempDir } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "..", "bin", "nixmod.js");
const host = join(here, "fixtures", "host.ts");

let tmp: string;
beforeAll(() => {
  tmp = tempDir("cli-build");
});

function nixmod(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: tmp,
    encoding: "utf8",
    env,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("nixmod build", () => {
  it("writes the tree, with progress and a summary on stderr", () => {
    const r = nixmod(["build", host, "--out", "out"]);
    expect(r.stderr).toMatch(/^nixmod build: evaluating 1 module$/m);
    expect(r.stderr).toMatch(/^nixmod build: writing 5 units \(1 disabled\), 5 links, 14 store files/m);
    expect(r.stderr).toMatch(
      /^nixmod build: checking 4 script\(s\) with shellcheck, 13 with bash -n, 4 unit file\(s\)/m,
    );
    expect(r.stderr).toMatch(
      /^nixmod build: built out: 5 units, 14 store files; shellcheck 4, bash -n 13, systemd-analyze verify \d; [\d.]+ s$/m,
    );
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
    // 4 units, 14 store files, and the marker saying the tree is a build's.
    expect(readTree(join(tmp, "out")).filter((n) => n.type === "file")).toHaveLength(4 + 14 + 1);
  });

  it("--quiet keeps stderr for warnings and errors", () => {
    const r = nixmod(["build", "-q", host, "--out", "quiet"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("needs modules and --out (usage error, status 2)", () => {
    expect(nixmod(["build", host])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("build needs --out DIR"),
    });
    expect(nixmod(["build", "--out", "x"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("build needs at least one module file"),
    });
  });

  it("says clearly when shellcheck is missing, and writes nothing", () => {
    const path = join(tmp, "bin-without-shellcheck");
    mkdirSync(path);
    const tools = findTools();
    for (const [name, p] of [
      ["bash", tools.bash],
      ["systemd-analyze", tools.systemdAnalyze],
    ] as const) {
      if (p !== null) symlinkSync(p, join(path, name));
    }
    const r = nixmod(["build", host, "--out", "nosc"], { ...process.env, PATH: path });
    expect(r.stderr).toContain("shellcheck is not installed (not found on PATH)");
    expect(r.stderr).toContain("apt-get install shellcheck");
    expect(r.status).toBe(1);
    expect(existsSync(join(tmp, "nosc"))).toBe(false);
  });

  it("prints evaluation errors as eval does (status 1)", () => {
    const r = nixmod(["build", join(here, "fixtures", "missing.ts"), "--out", "e"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: /m);
  });
});
