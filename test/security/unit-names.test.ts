// Unit names and store path names (docs/security.md, section 10): a service or unit name that
// systemd would not load (its unit-name rules: a newline, `%`, nothing, ...) is refused with the
// option path, as is a store path name Nix refuses (its rule: `/`, a newline, `:`, ...); and
// `nixmod build` verifies every unit it can, even when one of them cannot be verified.
import { describe, expect, it } from "vitest";
import { build, findTools } from "../../src/build/index.js";
import type { Module } from "../../src/lib/module-types.js";
import { makePkgs, storeHash } from "../../src/modules/pkgs.js";
import { isValidUnitName } from "../../src/modules/system/boot/systemd-lib.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { showOption } from "../../src/lib/options.js";
import { evalError, host, servicesJson, treeText } from "./helpers.js";

const service = (name: string, body: object = { script: "echo hi" }) => ({
  _file: "host.ts",
  systemd: { services: { [name]: body } },
});

describe("service names are names systemd loads as NAME.service", () => {
  const refused: [string, string][] = [
    ["a newline", "web\nExecStartPre=/bin/evil"],
    ["a %", "web%i"],
    ["nothing", ""],
    ["a /", "a/b"],
    ["a space", "a b"],
    ["@ first", "@x"],
    ["more than 247 characters", "a".repeat(248)],
    ["a non-ASCII letter", "wéb"],
  ];
  for (const [what, name] of refused) {
    it(`refuses a name with ${what}, naming the option and the file`, () => {
      const e = evalError(() => servicesJson([service(name)]));
      expect(e.message).toContain(
        `The name of option \`${showOption(["systemd", "services", name])}' is not of type \``,
      );
      expect(e.message).toContain("- In `host.ts'");
    });
  }

  it("accepts what systemd accepts: a template, an instance, dots, escapes, 247 characters", () => {
    for (const name of ["tmpl@", "tmpl@inst", "a.b", "a\\x2db", "a-b_c", "a".repeat(247)]) {
      expect(() =>
        servicesJson([service(name, { serviceConfig: { ExecStart: "/bin/true" } })]),
      ).not.toThrow();
    }
  });

  it("systemd.units names follow the same rules, with a unit type", () => {
    for (const name of ["x%.service", "x.bogus", ".service", "x", "x.service\n"]) {
      const e = evalError(
        () => host([{ _file: "u.ts", systemd: { units: { [name]: { text: "" } } } }]).config.systemd.units,
      );
      expect(e.message).toContain(
        `The name of option \`${showOption(["systemd", "units", name])}' is not of type \``,
      );
    }
    const ok = host([{ systemd: { units: { "x@.timer": { text: "" }, "a-b.mount": { text: "" } } } }]);
    expect(Object.keys(ok.config.systemd.units)).toEqual(expect.arrayContaining(["x@.timer", "a-b.mount"]));
  });

  it("isValidUnitName is systemd's unit_name_is_valid (any of plain, template, instance)", () => {
    const valid = [
      "a.service",
      "a@.service",
      "a@b.service",
      "a@b@c.service",
      "a:b.target",
      "a\\x2d.slice",
      "a.b.c.socket",
    ];
    const invalid = [
      "",
      ".service",
      "a",
      "a.",
      "a.servic",
      "@a.service",
      "a b.service",
      "a%.service",
      `${"a".repeat(248)}.service`,
    ];
    for (const n of valid) expect(isValidUnitName(n), n).toBe(true);
    for (const n of invalid) expect(isValidUnitName(n), n).toBe(false);
    expect(isValidUnitName(`${"a".repeat(247)}.service`)).toBe(true);
  });
});

describe("store path names are names Nix accepts", () => {
  it("a service name systemd accepts but Nix does not in a store path (`:`) is refused with Nix's message and the option", () => {
    const e = evalError(() => servicesJson([service("foo:bar")]));
    const h = storeHash("writeShellScriptBin", "unit-script-foo:bar-start", "set -e\necho hi\n");
    expect(e.message).toContain(`store path '${h}-unit-script-foo:bar-start' contains illegal character ':'`);
    expect(e.message).toMatch(/while evaluating the option `systemd\.services\."foo:bar"\./);
  });

  it("writeText and the script builders refuse names Nix refuses, with Nix's words", () => {
    const pkgs = makePkgs();
    const path = (name: string) => () => pkgs.writeText(name, "x").outPath;
    const h = (name: string) => storeHash("writeText", name, "x");
    expect(path("a/b")).toThrow(`store path '${h("a/b")}-a/b' contains illegal character '/'`);
    expect(path("a\nb")).toThrow(`store path '${h("a\nb")}-a\nb' contains illegal character '\n'`);
    expect(path("")).toThrow(`store path '${h("")}-' has an empty name`);
    expect(path("x".repeat(212))).toThrow("has a name longer than 211 characters");
    expect(path("x.drv")).toThrow("derivation names are not allowed to end in '.drv'");
    expect(() => pkgs.writeShellScriptBin("a b", "x").outPath).toThrow("contains illegal character ' '");
    // What Nix accepts.
    for (const name of ["x", ".x", "..", "ok-1.0+_?=", "x".repeat(211)]) expect(path(name)).not.toThrow();
  });
});

describe("nixmod build verifies every unit it can", () => {
  const tools = findTools();
  const bad = { text: "[Unit]\nDescription=bad\n\n[Service]\nExecStart=/bin/true\nRestart=sometimes\n" };
  const good = { text: "[Unit]\nDescription=good\n\n[Service]\nExecStart=/bin/true\n" };

  it.runIf(tools.systemdAnalyze !== null)(
    "a template unit is verified, and does not make the others unverified",
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), "nixmod-units-")), "out");
      const modules = [{ systemd: { units: { "tmpl@.service": good, "plain.service": good } } }] as Module[];
      const summary = await build({ modules, out, tools });
      expect(summary.checks.verifySkipped).toBeNull();
      expect(summary.checks.unitsVerified).toBe(2);
    },
  );

  it.runIf(tools.systemdAnalyze !== null)(
    "a unit systemd-analyze cannot verify (a scope) is named; the others are verified",
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), "nixmod-units-")), "out");
      const log: string[] = [];
      const modules = [
        { systemd: { units: { "x.scope": { text: "[Unit]\nDescription=s\n" }, "bad.service": bad } } },
      ] as Module[];
      const e = await build({ modules, out, tools, log: (l) => log.push(l) }).catch(
        (x: unknown) => x as Error,
      );
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toMatch(
        /systemd-analyze verify failed on \/etc\/systemd\/system\/bad\.service/,
      );
      expect((e as Error).message).toContain("Failed to parse service restart specifier");
      expect(log.join("\n")).toMatch(
        /warning: 1 unit file not verified: x\.scope: .*Unit x\.scope not found/,
      );
    },
  );

  it("a unit the tool cannot verify for a reason it does not attribute: the others are verified (its batch halved down to it)", async () => {
    // (A stand-in for systemd-analyze, as the shell-injection tests have one for docker: it
    // cannot verify odd.service, and says so without naming it; it can verify anything else.)
    const dir = mkdtempSync(join(tmpdir(), "nixmod-units-"));
    const fake = join(dir, "systemd-analyze");
    const calls = join(dir, "calls");
    writeFileSync(
      fake,
      `#!/bin/sh\necho "$*" >> ${calls}\ncase "$*" in *odd.service*) echo "Failed to do something"; exit 1;; esac\nexit 0\n`,
      { mode: 0o755 },
    );
    const units: Record<string, unknown> = { "odd.service": good };
    for (let i = 0; i < 150; i++) units[`u${i}.service`] = good;
    const log: string[] = [];
    const summary = await build({
      modules: [{ systemd: { units } }] as Module[],
      out: join(dir, "out"),
      tools: { ...tools, systemdAnalyze: fake },
      log: (l) => log.push(l),
    });
    expect(summary.checks.unitsVerified).toBe(150);
    expect(summary.checks.notVerified).toEqual([{ unit: "odd.service", reason: "Failed to do something" }]);
    expect(log).toContain("warning: 1 unit file not verified: odd.service: Failed to do something");
    // Two batches, a probe, and the halving of the first batch of 100: a few runs, not one per unit.
    expect(readFileSync(calls, "utf8").trim().split("\n").length).toBeLessThan(20);
    // A tool that cannot verify anything, not even nixmod's own probe: units not verified, as before.
    writeFileSync(fake, `#!/bin/sh\necho "Failed to initialize manager"\nexit 1\n`, { mode: 0o755 });
    const none = await build({
      modules: [{ systemd: { units } }] as Module[],
      out: join(dir, "out2"),
      tools: { ...tools, systemdAnalyze: fake },
    });
    expect(none.checks.verifySkipped).toBe(
      "systemd-analyze verify could not run: Failed to initialize manager",
    );
  });

  it("wantedBy, requiredBy and aliases that systemd would not load are refused, naming the option", () => {
    expect(() =>
      treeText([{ systemd: { units: { "a.service": { text: "", wantedBy: ["multi%user.target"] } } } }]),
    ).toThrow(
      /`systemd\.units\."a\.service"\.wantedBy' names `multi%user\.target', which is not a unit name systemd loads/,
    );
  });
});
