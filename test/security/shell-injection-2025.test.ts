// Shell injection, revision 2025-06: the module escapes more than the seed did (the login's
// username, hostname, labels, capabilities, devices, networks, the pull policy, the options
// before `run`), but still puts the container's name, image, log driver, registry, password
// file, image file and image stream into its scripts unescaped, and the podman user into the
// unit's `User=`. nixmod refuses the values of those that could break out (docs/security.md),
// naming the option and the file; every escaped value reaches the backend as one argument,
// shown by running the generated scripts in bash with a fake `docker`.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { setLibRevision } from "../../src/lib/lib-revision.js";
import { containers, evalError, host, servicesJson } from "./helpers.js";

setLibRevision("2025-06");

const word = "string matching the pattern [A-Za-z0-9_@%+=:,./-]+";
const bad = ["u; curl x|sh", "a b", "a\nb", "$(id)", "`id`", "a'b", "a*", ""];

describe("values the 2025-06 module interpolates unescaped are one shell word", () => {
  const cases: [string, (v: string) => Record<string, unknown>, string][] = [
    ["image", (v) => ({ image: v }), word],
    ["log-driver", (v) => ({ image: "nginx", "log-driver": v }), word],
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
    for (const v of bad) {
      it(`${field}: refuses ${JSON.stringify(v)}`, () => {
        const e = evalError(() => servicesJson([containers("host.json", { web: def(v) })]));
        expect(e.message).toContain(
          `A definition for option \`virtualisation.oci-containers.containers.web.${field}' is not of type \`${type}'.`,
        );
        expect(e.message).toContain("- In `host.json'");
      });
    }
  }

  it("imageFile and imageStream: a package whose path holds shell metacharacters is refused", () => {
    for (const field of ["imageFile", "imageStream"]) {
      const drv = { type: "derivation", name: "x", outPath: "/nix/store/abc-x; rm -rf /" };
      const e = evalError(() =>
        servicesJson([containers("host.json", { web: { image: "nginx", [field]: drv } })]),
      );
      expect(e.message).toContain(
        `A definition for option \`virtualisation.oci-containers.containers.web.${field}' is not of type \`null or package whose path is a ${word}'.`,
      );
    }
  });

  it("podman.user: a name with a newline (a directive of its own in User=) is refused", () => {
    const e = evalError(() =>
      servicesJson([
        { _file: "users.json", users: { users: { "a\nExecStartPre=/bin/evil": { uid: 1000 } } } },
        containers(
          "host.json",
          { web: { image: "nginx", podman: { user: "a\nExecStartPre=/bin/evil" } } },
          "podman",
        ),
      ]),
    );
    expect(e.message).toContain("virtualisation.oci-containers.containers.web.podman.user' is not of type");
  });

  it("the login's username is escaped now: anything goes, quoted", () => {
    const { pkgs, config } = host([
      containers("host.json", {
        web: {
          image: "nginx",
          login: { username: "u; touch /tmp/pwned", registry: "r", passwordFile: "/p" },
        },
      }),
    ]);
    const pre = pkgs.builtScripts.get(
      (config.systemd.services["docker-web"].serviceConfig.ExecStartPre[0] as string).replace(
        /\/bin\/pre-start$/,
        "",
      ),
    );
    expect(pre!.text).toContain("--username 'u; touch /tmp/pwned' \\\n");
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the scripts, run by bash with a fake `docker`, pass each value as one argument.

const bash = spawnSync("bash", ["-c", "true"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "nixmod-sec25-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `script` in bash with a `docker` recording its arguments; the argument lists. */
function runScript(script: string): string[][] {
  const log = join(dir, "argv");
  writeFileSync(log, "");
  const f = join(dir, "docker");
  writeFileSync(
    f,
    `#!/bin/sh\n{ printf 'docker\\n'; for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\036'; } >> "${log}"\n`,
  );
  chmodSync(f, 0o755);
  const r = spawnSync("bash", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` } });
  expect(r.status, r.stderr.toString()).toBe(0);
  return readFileSync(log, "utf8")
    .split("\u001e")
    .filter((s) => s !== "")
    .map((s) => [
      "docker",
      ...s
        .slice(s.indexOf("\n") + 1)
        .split("\u001f")
        .slice(0, -1),
    ]);
}

const nameArb = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,12}$/);
const wordArb = fc.stringMatching(/^[A-Za-z0-9_@%+=:,./-]{1,16}$/);
// Anything but NUL (which no argument can hold).
const anyArb = fc.string({ minLength: 0, maxLength: 12 }).filter((s) => !s.includes("\u0000"));

describe.skipIf(!bash)("generated scripts keep each value one argument (bash, fake docker)", () => {
  it("the pre-start script (login), the run script, preStop and postStop", () => {
    const pw = join(dir, "password");
    writeFileSync(pw, "secret\n");
    fc.assert(
      fc.property(
        nameArb,
        wordArb,
        anyArb,
        wordArb,
        fc.tuple(anyArb, anyArb, anyArb),
        fc.array(anyArb, { maxLength: 3 }),
        (name, image, user, registry, [hostname, label, device], pre) => {
          const { config, pkgs } = host([
            containers("host.json", {
              [name]: {
                image,
                hostname,
                labels: { l: label },
                devices: [device],
                preRunExtraOptions: pre,
                login: { username: user, registry, passwordFile: pw },
              },
            }),
          ]);
          const svc = config.systemd.services[`docker-${name}`];
          expect(runScript(svc.preStop)).toEqual([["docker", "stop", name]]);
          expect(runScript(svc.postStop)).toEqual([["docker", "rm", "-f", name]]);
          const preStart = pkgs.builtScripts.get(
            (svc.serviceConfig.ExecStartPre[0] as string).replace(/\/bin\/pre-start$/, ""),
          );
          expect(runScript(preStart!.text)).toEqual([
            ["docker", "rm", "-f", name],
            ["docker", "login", registry, "--username", user, "--password-stdin"],
          ]);
          expect(runScript(svc.script)).toEqual([
            [
              "docker",
              ...pre,
              "run",
              `--name=${name}`,
              "--log-driver=journald",
              `--hostname=${hostname}`,
              "-l",
              `l=${label}`,
              "--rm",
              `--device=${device}`,
              "--pull",
              "missing",
              image,
            ],
          ]);
        },
      ),
      { numRuns: 15 },
    );
  });
});
