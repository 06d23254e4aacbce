// nixmod build on a small host: the tree (names, modes, contents) against a snapshot, the same
// bytes every time, NixOS's unit links, and the checks failing the build with the option path.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { build, BuildError, CheckFailedError, findTools, runtimeShell } from "../../src/build/index.js";
import { SHELLCHECK_MISSING } from "../../src/build/checks.js";
import { loadModuleFiles } from "../../src/loader/loader.js";
import type { Module } from "../../src/lib/module-types.js";
import { storePath } from "../../src/modules/pkgs.js";
import { mtimes, readTree, tempDir } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const tools = findTools();

/** Build quietly; returns the log lines too. */
async function buildLogged(modules: readonly Module[], out: string, t = tools) {
  const log: string[] = [];
  const summary = await build({ modules, out, log: (l) => log.push(l), tools: t });
  return { summary, log };
}

/** The error a build throws. */
async function buildError(modules: readonly Module[], out: string, t = tools): Promise<Error> {
  try {
    await build({ modules, out, tools: t });
  } catch (e) {
    return e as Error;
  }
  throw new Error("the build did not fail");
}

describe("the tools the checks need", () => {
  it("shellcheck is installed (CI installs it: .ci/run)", () => {
    expect(tools.shellcheck, SHELLCHECK_MISSING).not.toBeNull();
  });
  it("bash is installed", () => {
    expect(tools.bash).not.toBeNull();
  });
});

describe("nixmod build: the fixture host", () => {
  let tmp: string;
  let host: Module[];
  beforeAll(async () => {
    tmp = tempDir("build");
    host = await loadModuleFiles([join(here, "fixtures", "host.ts")]);
  });

  it("writes units, links and scripts: the tree matches the snapshot", async () => {
    const out = join(tmp, "a");
    const { summary, log } = await buildLogged(host, out);
    expect(readTree(out)).toMatchSnapshot();
    expect(summary.checks.failures).toEqual([]);
    // 3 pre-start scripts and disk-report; every script (9 job scripts too) with bash -n.
    expect(summary.checks.shellchecked).toBe(4);
    expect(summary.checks.dryRun).toBe(13);
    expect(log.at(-1)).toMatch(
      /^built .*: 5 units, 14 store files; shellcheck 4, bash -n 13, systemd-analyze verify \d+; [\d.]+ s$/,
    );
  });

  it("is the same, bytes, modes and times, every time; a rebuild replaces an earlier build", async () => {
    const a = join(tmp, "same-a");
    const b = join(tmp, "same-b");
    await build({ modules: host, out: a, tools });
    await build({ modules: await loadModuleFiles([join(here, "fixtures", "host.ts")]), out: b, tools });
    expect(readTree(b)).toEqual(readTree(a));
    expect(new Set(Object.values(mtimes(a)))).toEqual(new Set([1000]));
    await build({ modules: host, out: a, tools });
    expect(readTree(a)).toEqual(readTree(b));
  });

  it("links like NixOS's generateUnits: disabled units to /dev/null, aliases, .wants and .requires", async () => {
    const out = join(tmp, "links");
    await build({ modules: host, out, tools });
    const tree = readTree(out);
    const at = (p: string) => tree.find((n) => n.path === `etc/systemd/system/${p}`);
    expect(at("old-job.service")).toEqual({
      path: "etc/systemd/system/old-job.service",
      type: "symlink",
      target: "/dev/null",
    });
    // NixOS makes the .wants link of a disabled unit too (it points at the masked unit).
    expect(at("multi-user.target.wants/old-job.service")).toMatchObject({ target: "../old-job.service" });
    expect(at("multi-user.target.wants/podman-web.service")).toMatchObject({
      target: "../podman-web.service",
    });
    expect(at("multi-user.target.wants/podman-adhoc.service")).toBeUndefined();
    expect(at("multi-user.target.requires/disk-report.service")).toMatchObject({
      target: "../disk-report.service",
    });
    expect(at("disk.service")).toMatchObject({ type: "symlink", target: "disk-report.service" });
    expect(at("podman-web.service")).toMatchObject({ type: "file", mode: "0444" });
  });

  it("lays scripts out as nixpkgs' builders do (runtimeShell, set -o, PATH from runtimeInputs)", async () => {
    const out = join(tmp, "layout");
    const { summary } = await buildLogged(host, out);
    const report = summary.plan.scripts.find((s) => s.script.name === "disk-report")!;
    expect(report.path).toBe(`${report.outPath}/bin/disk-report`);
    const bin = (p: string) => storePath("package", p, "") + "/bin";
    expect(report.contents).toBe(
      `#!${runtimeShell}\nset -o errexit\nset -o nounset\nset -o pipefail\n\n` +
        `export PATH="${bin("coreutils-9.3")}:${bin("gnugrep-3.11")}:$PATH"\n\n` +
        'df -h / | grep -v Filesystem\necho "done: $(date -u +%F)"\n',
    );
    const node = readTree(out).find((n) => n.path === report.file.replace(/^\//, ""));
    expect(node).toMatchObject({ type: "file", mode: "0555", contents: report.contents });
    // The restart trigger is a writeText: the store path is the (read-only) file itself.
    const trigger = summary.plan.scripts.find((s) => s.script.kind === "writeText")!;
    expect(trigger.path).toBe(trigger.outPath);
    expect(readTree(out).find((n) => `/${n.path}` === trigger.path)).toMatchObject({
      type: "file",
      mode: "0444",
    });
    expect(trigger.origin.option).toBe("systemd.services.disk-report.unitConfig.X-Restart-Triggers");
  });

  it("refuses to replace a directory that is not an earlier build", async () => {
    const out = join(tmp, "precious");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "keep me");
    const e = await buildError(host, out);
    expect(e).toBeInstanceOf(BuildError);
    expect(e.message).toContain("refusing to replace");
    expect(readTree(out)).toMatchObject([{ path: "notes.txt", type: "file", contents: "keep me" }]);
  });
});

/** A host with one service whose ExecStart is `script`; `extra` goes in the service. */
const serviceHost =
  (make: (pkgs: any) => { exec: string; extra?: object; more?: object }): Module =>
  ({ pkgs }: any) => {
    const { exec, extra = {}, more = {} } = make(pkgs);
    return {
      _file: "checks.ts",
      config: { systemd: { services: { job: { serviceConfig: { ExecStart: exec }, ...extra } } }, ...more },
    };
  };

describe("nixmod build: checks fail the build with the path, the option and the report", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = tempDir("checks");
  });

  it("shellcheck: a writeShellApplication with an error", async () => {
    const out = join(tmp, "sc");
    const host = serviceHost((pkgs) => {
      const greet = pkgs.writeShellApplication({ name: "greet", text: "echo Hello $1" });
      return { exec: `${greet}/bin/greet` };
    });
    const e = await buildError([host], out);
    expect(e).toBeInstanceOf(CheckFailedError);
    const f = (e as CheckFailedError).failures;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      check: "shellcheck",
      option: "systemd.services.job.serviceConfig.ExecStart",
    });
    expect(f[0]!.path).toMatch(/^\/nix\/store\/[0-9a-f]{32}-greet\/bin\/greet$/);
    expect(e.message).toContain(`shellcheck failed on ${f[0]!.path}`);
    expect(e.message).toContain("from option `systemd.services.job.serviceConfig.ExecStart'");
    expect(e.message).toContain(`In ${f[0]!.path} line 6:`);
    expect(e.message).toContain("SC2086");
    expect(existsSync(out)).toBe(false);
  });

  it("shellcheck: excludeShellChecks is passed as --exclude, as nixpkgs does", async () => {
    const host = serviceHost((pkgs) => {
      const greet = pkgs.writeShellApplication({
        name: "greet",
        text: "echo Hello $1",
        excludeShellChecks: ["SC2086"],
      });
      return { exec: `${greet}/bin/greet` };
    });
    const { summary } = await buildLogged([host], join(tmp, "exclude"));
    expect(summary.checks.shellchecked).toBe(1);
  });

  it("shellcheck: a script named by another script reports the chain", async () => {
    const host = serviceHost((pkgs) => {
      const inner = pkgs.writeShellApplication({ name: "inner", text: "cd $HOME" });
      const outer = pkgs.writeShellScriptBin("outer", `exec ${inner}/bin/inner`);
      return { exec: `${outer}/bin/outer` };
    });
    const e = (await buildError([host], join(tmp, "chain"))) as CheckFailedError;
    expect(e.failures).toHaveLength(1);
    expect(e.failures[0]!.path).toMatch(/-inner\/bin\/inner$/);
    expect(e.failures[0]!.via).toEqual([expect.stringMatching(/-outer\/bin\/outer$/)]);
    expect(e.message).toMatch(
      /from option `systemd\.services\.job\.serviceConfig\.ExecStart', named by \/nix\/store\/\S+-outer\/bin\/outer\)/,
    );
  });

  it("bash -n: a job script that does not parse", async () => {
    const host = serviceHost(() => ({
      exec: "/run/current-system/sw/bin/true",
      extra: { preStart: "if then fi" },
    }));
    const e = (await buildError([host], join(tmp, "dry"))) as CheckFailedError;
    expect(e).toBeInstanceOf(CheckFailedError);
    expect(e.failures.map((f) => [f.check, f.option])).toEqual([
      ["bash -n", "systemd.services.job.serviceConfig.ExecStartPre"],
    ]);
    expect(e.failures[0]!.path).toMatch(/-unit-script-job-pre-start\/bin\/job-pre-start$/);
    expect(e.failures[0]!.report).toContain("syntax error");
  });

  it("shellcheck missing: the build stops and says how to install it", async () => {
    const out = join(tmp, "nosc");
    const host = serviceHost((pkgs) => ({
      exec: `${pkgs.writeShellApplication({ name: "x", text: "true" })}/bin/x`,
    }));
    const e = await buildError([host], out, { ...tools, shellcheck: null });
    expect(e).toBeInstanceOf(BuildError);
    expect(e.message).toContain("shellcheck is not installed");
    expect(e.message).toContain("apt-get install shellcheck");
    expect(existsSync(out)).toBe(false);
  });

  it("systemd-analyze missing: units are not verified, the build says so and goes on", async () => {
    const host = serviceHost(() => ({ exec: "/run/current-system/sw/bin/true" }));
    const { summary, log } = await buildLogged([host], join(tmp, "nosa"), { ...tools, systemdAnalyze: null });
    expect(summary.checks.unitsVerified).toBe(0);
    expect(log).toContain("warning: unit files not verified: systemd-analyze is not installed");
  });

  describe.runIf(tools.systemdAnalyze !== null)(
    "systemd-analyze verify (offline, --root on the tree)",
    () => {
      it("fails on an unknown setting and on a command at a wrong path inside a built script", async () => {
        const host = serviceHost((pkgs) => {
          const s = pkgs.writeShellScriptBin("tool", "true");
          return {
            exec: `${s}/bin/no-such-name`,
            extra: { serviceConfig: { ExecStart: `${s}/bin/no-such-name`, FooBar: "1" } },
          };
        });
        const e = (await buildError([host], join(tmp, "verify"))) as CheckFailedError;
        expect(e).toBeInstanceOf(CheckFailedError);
        expect(e.failures).toHaveLength(1);
        expect(e.failures[0]).toMatchObject({
          check: "systemd-analyze verify",
          path: "/etc/systemd/system/job.service",
          option: "systemd.services.job",
        });
        expect(e.failures[0]!.report).toContain("/etc/systemd/system/job.service:");
        expect(e.failures[0]!.report).toContain("Unknown key 'FooBar' in section [Service]");
        expect(e.failures[0]!.report).toMatch(
          /Command \/nix\/store\/\S+-tool\/bin\/no-such-name is not executable/,
        );
      });

      it("does not fail on what it cannot know: absent packages, absent units", async () => {
        const host = serviceHost((pkgs) => ({
          exec: `${pkgs.podman}/bin/podman ps`,
          extra: { requires: ["somewhere-else.service"], after: ["somewhere-else.service"] },
        }));
        const { summary } = await buildLogged([host], join(tmp, "unknowable"));
        expect(summary.checks.unitsVerified).toBe(1);
        expect(summary.checks.verifySkipped).toBeNull();
      });
    },
  );
});
