// Shell injection: the seed puts a container's name, image, log driver, login fields, image
// file and dependsOn into shell scripts and unit files without escaping. nixmod refuses the
// values that could break out (a deliberate difference from NixOS, docs/security.md), with
// an evaluation error naming the option path, the file and the value; valid values render
// exactly as in the seed (the 32 conformance cases), and a property test runs the generated
// scripts in bash with a fake `docker` to show that each value stays one argument.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { mkOption, showOption } from "../../src/lib/options.js";
import { types } from "../../src/types/index.js";
import { toJsonValue } from "../../src/tools/render-json.js";
import { referenceCleaning } from "../../src/tools/conformance.js";
import { containers, evalError, host, servicesJson } from "./helpers.js";
import { setLibRevision } from "../../src/lib/lib-revision.js";

// Written for the seed (shell-injection-2025.test.ts: revision 2025-06): its modules and its lib (revision 2023-07).
setLibRevision("2023-07");

const P = ["virtualisation", "oci-containers", "containers"];

const badWords = [
  "web; touch /tmp/pwned",
  "a b",
  "a\tb",
  "a\nb",
  "a\rb",
  "$(id)",
  "`id`",
  "a|b",
  "a&b",
  "a>b",
  "a<b",
  "a'b",
  'a"b',
  "a\\b",
  "a*",
  "a?",
  "a[b]",
  "a{b,c}",
  "~root",
  "a#b",
  "a!b",
  "a(b)",
  "",
  "é",
  "a\u0000b",
];

describe("container names follow Docker's rule [a-zA-Z0-9][a-zA-Z0-9_.-]*", () => {
  for (const name of [...badWords, "-rm", "_x", ".x", "__proto__"]) {
    it(`refuses ${JSON.stringify(name)}, naming the option, the file and the name`, () => {
      const e = evalError(() => servicesJson([containers("host.json", { [name]: { image: "nginx" } })]));
      expect(e.message).toContain(
        `The name of option \`${showOption([...P, name])}' is not of type \`string matching the pattern [a-zA-Z0-9][a-zA-Z0-9_.-]*'.`,
      );
      expect(e.message).toContain("- In `host.json'");
    });
  }

  it("names every file that defines the refused name", () => {
    const e = evalError(() =>
      servicesJson([
        containers("a.json", { "x y": { image: "nginx" } }),
        containers("b.json", { "x y": { cmd: ["1"] } }),
        containers("c.json", { ok: { image: "nginx" } }),
      ]),
    );
    expect(e.message).toContain("- In `a.json'");
    expect(e.message).toContain("- In `b.json'");
    expect(e.message).not.toContain("c.json");
  });

  it("refuses names that come through the renamed docker-containers option too", () => {
    const e = evalError(() =>
      servicesJson([{ _file: "old.json", "docker-containers": { "x$(id)": { image: "nginx" } } }]),
    );
    expect(e.message).toContain(`The name of option \`virtualisation.oci-containers.containers."x\\$(id)"'`);
  });

  it("accepts valid names, `constructor` and `toString` among them", () => {
    const names = ["web", "web.v2", "my_app", "A-1", "0", "constructor", "toString", "hasOwnProperty"];
    const { config } = host([
      containers("host.json", Object.fromEntries(names.map((n) => [n, { image: "nginx" }]))),
    ]);
    expect(
      Object.keys(config.systemd.services)
        .filter((n) => n.startsWith("docker-"))
        .sort(),
    ).toEqual(names.map((n) => `docker-${n}`).sort());
    expect(config.systemd.services["docker-constructor"].preStop).toBe(
      "[ $SERVICE_RESULT = success ] || docker stop constructor",
    );
  });

  it("a name whose definition is disabled by mkIf false is not checked (it defines nothing)", () => {
    const json = servicesJson([
      containers("host.json", {
        "x y": { _type: "if", condition: false, content: { image: "nginx" } },
        ok: { image: "a" },
      }),
    ]);
    expect(json).toContain('"docker-ok"');
  });
});

const word = "string matching the pattern [A-Za-z0-9_@%+=:,./-]+";

describe("values the seed interpolates unescaped are one shell word", () => {
  const cases: [string, (v: string) => Record<string, unknown>, string][] = [
    ["image", (v) => ({ image: v }), word],
    ["log-driver", (v) => ({ image: "nginx", "log-driver": v }), word],
    [
      "login.username",
      (v) => ({ image: "nginx", login: { username: v, registry: "r.example.com", passwordFile: "/p" } }),
      `null or ${word}`,
    ],
    [
      "login.registry",
      (v) => ({ image: "nginx", login: { username: "u", registry: v, passwordFile: "/p" } }),
      `null or ${word}`,
    ],
    [
      "login.passwordFile",
      (v) => ({ image: "nginx", login: { username: "u", registry: "r", passwordFile: v } }),
      `null or ${word}`,
    ],
  ];
  for (const [field, def, type] of cases) {
    for (const bad of ["u; curl x|sh", "a b", "a\nb", "$(id)", "`id`", "a'b", "a*", ""]) {
      it(`${field}: refuses ${JSON.stringify(bad)}`, () => {
        const e = evalError(() => servicesJson([containers("host.json", { web: def(bad) })]));
        expect(e.message).toContain(
          `A definition for option \`virtualisation.oci-containers.containers.web.${field}' is not of type \`${type}'.`,
        );
        expect(e.message).toContain("- In `host.json'");
      });
    }
  }

  it("imageFile: a package whose path holds shell metacharacters is refused", () => {
    for (const outPath of ["/nix/store/abc-x; rm -rf /", "/nix/store/abc-$(id)", "/nix/store/abc-a b"]) {
      const drv = { type: "derivation", name: "x", outPath };
      const e = evalError(() =>
        servicesJson([containers("host.json", { web: { image: "nginx", imageFile: drv } })]),
      );
      expect(e.message).toContain(
        `A definition for option \`virtualisation.oci-containers.containers.web.imageFile' is not of type \`null or package whose path is a ${word}'.`,
      );
    }
    // A store path string, which `types.package` accepts too.
    const e = evalError(() =>
      servicesJson([
        containers("host.json", { web: { image: "nginx", imageFile: "/nix/store/abc-x;reboot" } }),
      ]),
    );
    expect(e.message).toContain("web.imageFile' is not of type");
  });

  it("imageFile: a derivation whose outPath getter changes is rendered as it was checked, or refused", () => {
    const evil = "/x; touch /tmp/pwned #";
    const good = "/nix/store/aaaa-img";
    // A getter that gives a good path to the first `honest` reads, then a hostile one.
    const changing = (honest: number) => {
      let reads = 0;
      return {
        type: "derivation",
        name: "img",
        get outPath() {
          return ++reads <= honest ? good : evil;
        },
      };
    };
    /** Every script the host's services use (the pre-start script loads the image file). */
    const scripts = (modules: unknown[]): string => {
      const { config, pkgs } = host(modules);
      JSON.stringify(toJsonValue(config.systemd.services, referenceCleaning(["systemd", "services"])));
      return [...pkgs.builtScripts.values()].map((b) => b.text).join("\n");
    };
    for (const honest of [1, 2, 3, 4]) {
      let text: string;
      try {
        text = scripts([containers("host.ts", { web: { image: "nginx", imageFile: changing(honest) } })]);
      } catch (e) {
        // Refused: the path read for the value is not the checked one's, and fails the check itself.
        expect((e as Error).message).toContain("web.imageFile' is not of type");
        expect((e as Error).message).toContain(JSON.stringify(evil));
        continue;
      }
      expect(text).not.toContain("pwned");
      expect(text).toContain(`load -i ${good}`);
    }
  });

  it("a package option's value is the derivation as checked: its outPath read once for it", () => {
    let reads = 0;
    const drv = {
      type: "derivation",
      name: "p",
      get outPath() {
        reads++;
        return `/nix/store/${"a".repeat(32)}-p${reads}`;
      },
    };
    const { config } = host([{ options: { p: mkOption({ type: types.package }) }, config: { p: drv } }]);
    const first = config.p.outPath as string;
    expect(config.p.outPath).toBe(first);
  });

  it("dependsOn: entries are container names (they go into After= and Requires= of the unit)", () => {
    const e = evalError(() =>
      servicesJson([
        containers("host.json", {
          web: { image: "nginx", dependsOn: ["db.service\nExecStartPre=/bin/evil"] },
        }),
      ]),
    );
    expect(e.message).toContain(
      "A definition for option `virtualisation.oci-containers.containers.web.dependsOn.\"[definition 1-entry 1]\"' is not of type `string matching the pattern [a-zA-Z0-9][a-zA-Z0-9_.-]*'.",
    );
  });

  it("escaped fields still take anything (they are quoted by escapeShellArg, as in the seed)", () => {
    const nasty = "x'; touch /tmp/pwned; echo '$(id)`id`\n";
    const { config } = host([
      containers("host.json", {
        web: {
          image: "nginx",
          cmd: [nasty],
          entrypoint: nasty,
          environment: { [nasty]: nasty },
          environmentFiles: ["/run/a b;c"],
          ports: [nasty],
          user: nasty,
          volumes: [nasty],
          workdir: nasty,
          extraOptions: [nasty],
        },
      }),
    ]);
    expect(config.systemd.services["docker-web"].script).toContain(
      `'x'\\''; touch /tmp/pwned; echo '\\''$(id)\`id\`\n'`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the scripts, run by bash with a fake `docker`, pass each value as one argument.

const bash = spawnSync("bash", ["-c", "true"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "nixmod-sec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `script` in bash with `docker` and `cat` recording their arguments; the argument lists. */
function runScript(script: string): string[][] {
  const log = join(dir, "argv");
  writeFileSync(log, "");
  for (const tool of ["docker", "cat"]) {
    const f = join(dir, tool);
    // One record per call, appended with a single write (the two sides of a pipe run at once).
    writeFileSync(
      f,
      `#!/bin/sh\n{ printf '%s\\n' "${tool}"; for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\036'; } > "${log}.$$"\n` +
        `/bin/cat "${log}.$$" >> "${log}"; rm -f "${log}.$$"\n`,
    );
    chmodSync(f, 0o755);
  }
  const r = spawnSync("bash", ["-c", script], {
    env: { PATH: `${dir}:/usr/bin:/bin`, SERVICE_RESULT: "failure" },
  });
  expect(r.status, r.stderr.toString()).toBe(0);
  return readFileSync(log, "utf8")
    .split("\u001e")
    .filter((s) => s !== "")
    .map((s) => {
      const nl = s.indexOf("\n");
      return [
        s.slice(0, nl),
        ...s
          .slice(nl + 1)
          .split("\u001f")
          .slice(0, -1),
      ];
    });
}

const nameArb = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,12}$/);
const wordArb = fc.stringMatching(/^[A-Za-z0-9_@%+=:,./-]{1,16}$/);

describe.skipIf(!bash)("generated scripts keep each valid value one argument (bash, fake docker)", () => {
  it("preStop, postStop, the pre-start script and the run script", () => {
    fc.assert(
      fc.property(
        nameArb,
        wordArb,
        wordArb,
        wordArb,
        wordArb,
        wordArb,
        (name, image, user, registry, pw, driver) => {
          const { config, pkgs } = host([
            containers("host.json", {
              [name]: { image, "log-driver": driver, login: { username: user, registry, passwordFile: pw } },
            }),
          ]);
          const svc = config.systemd.services[`docker-${name}`];
          expect(runScript(svc.preStop)).toEqual([["docker", "stop", name]]);
          expect(runScript(svc.postStop)).toEqual([["docker", "rm", "-f", name]]);
          const preStart = pkgs.builtScripts.get(
            (svc.serviceConfig.ExecStartPre[0] as string).replace(/\/bin\/pre-start$/, ""),
          );
          // `cat | docker login` run at the same time: compare without their order.
          const ran = runScript(preStart!.text);
          expect(ran[0]).toEqual(["docker", "rm", "-f", name]);
          expect(ran.slice(1).sort()).toEqual(
            [
              ["cat", pw],
              ["docker", "login", registry, "--username", user, "--password-stdin"],
            ].sort(),
          );
          expect(runScript(svc.script)).toEqual([
            ["docker", "run", "--rm", `--name=${name}`, `--log-driver=${driver}`, image],
          ]);
        },
      ),
      { numRuns: 15 },
    );
  });
});
