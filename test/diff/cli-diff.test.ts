// `nixmod diff` as a user runs it: module files, trees `nixmod build` wrote, and `--git REV`
// in a git repository made for the test.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isRight } from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { diffJson, diffModules, HostDiffJson } from "../../src/diff/index.js";
import { loadModuleFiles } from "../../src/loader/loader.js";
import { tempDir } from "../build/helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "nixmod.js");
const examples = join(root, "examples");

function nixmod(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A JSON host: one container and one service. */
const jsonHost = (image: string, env: string) => ({
  virtualisation: { "oci-containers": { containers: { web: { image, ports: ["8080:80"] } } } },
  systemd: {
    services: { report: { wantedBy: ["multi-user.target"], script: "df -h", environment: { E: env } } },
  },
});

let tmp: string;
beforeAll(() => {
  tmp = tempDir("diff");
  writeFileSync(join(tmp, "a.json"), JSON.stringify(jsonHost("nginx:1.25", "1")));
  writeFileSync(join(tmp, "b.json"), JSON.stringify(jsonHost("nginx:1.27", "2")));
});

describe("nixmod diff OLD NEW (module files)", () => {
  it("prints the plan grouped by action, then the diffs; exit 1 for changes; no colour off a terminal", () => {
    const r = nixmod(
      ["diff", "--old-revision", "2023-07", join(examples, "host-2023-07.ts"), join(examples, "host.ts")],
      tmp,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "What switching does:\n" +
        "  stop     podman-app.service podman-db.service podman-proxy.service\n" +
        "  start    podman-app.service podman-db.service podman-proxy.service podman-worker.service\n" +
        "  restart  -\n  reload   -\n  skip     -\n",
    );
    expect(r.stdout).toContain(
      "(assumed: a unit runs in the old system when it is not masked and a target wants it",
    );
    expect(r.stdout).toMatch(/\nUnit files:\n--- a\/etc\/systemd\/system\/podman-app.service\n/);
    expect(r.stdout).toMatch(
      /\nScripts whose store paths changed:\n# the container's pre-start script, of podman-app.service\n--- a\/nix\/store\//,
    );
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("exit 0 and says so when nothing changed", () => {
    const r = nixmod(["diff", "a.json", "a.json"], tmp);
    expect(r).toEqual({
      status: 0,
      stdout:
        "nixmod diff: a.json -> a.json\nno change: the two systems have the same units, links and store files\n",
      stderr: "",
    });
  });

  it("--color always colours it; --color never and a pipe do not", () => {
    // (The stop list in red: ESC [31m.)
    expect(nixmod(["diff", "--color", "always", "a.json", "b.json"], tmp).stdout).toContain(
      "\x1b[31mpodman-web.service report.service\x1b[0m",
    );
    expect(nixmod(["diff", "--color", "never", "a.json", "b.json"], tmp).stdout).not.toContain("\x1b[");
  });

  it("--json: the documented schema, the same plan as the library's", async () => {
    const r = nixmod(["diff", "--json", "a.json", "b.json"], tmp);
    expect(r.status).toBe(1);
    const json: unknown = JSON.parse(r.stdout);
    expect(isRight(HostDiffJson.decode(json))).toBe(true);
    expect(json).toMatchObject({
      stop: ["podman-web.service", "report.service"],
      start: ["podman-web.service", "report.service"],
      restart: [],
      reload: [],
      skip: [],
      changed: true,
    });
    const modules = await loadModuleFiles([join(tmp, "a.json"), join(tmp, "b.json")]);
    expect(r.stdout).toBe(diffJson(diffModules([modules[0]!], [modules[1]!])));
  });

  it("--old and --new take several module files a side", () => {
    writeFileSync(
      join(tmp, "pin.json"),
      JSON.stringify({
        virtualisation: { "oci-containers": { containers: { web: { environment: { PIN: "1" } } } } },
      }),
    );
    const r = nixmod(["diff", "--json", "--old", "a.json", "--new", "a.json", "--new", "pin.json"], tmp);
    expect(JSON.parse(r.stdout)).toMatchObject({
      stop: ["podman-web.service"],
      start: ["podman-web.service"],
    });
    const web = (
      JSON.parse(r.stdout) as { units: { name: string; container: { reasons: string[] } }[] }
    ).units.find((u) => u.name === "podman-web.service");
    expect(web?.container.reasons).toEqual(["environment: PIN added (1)"]);
  });
});

describe("a reader that stops early (| head)", () => {
  it("ends the command quietly, with the diff's exit status", () => {
    const many = (tag: string) => ({
      virtualisation: {
        "oci-containers": {
          containers: Object.fromEntries(
            Array.from({ length: 150 }, (_, i) => [
              `c${i}`,
              { image: `app:${tag}`, environment: { N: String(i) } },
            ]),
          ),
        },
      },
    });
    writeFileSync(join(tmp, "many-a.json"), JSON.stringify(many("1")));
    writeFileSync(join(tmp, "many-b.json"), JSON.stringify(many("2")));
    // As a shell runs `nixmod diff ... | head -c 100` (the command's status kept in a file).
    const r = spawnSync(
      "sh",
      [
        "-c",
        '("$0" "$1" diff many-a.json many-b.json; echo $? > status) | head -c 100 > /dev/null',
        process.execPath,
        bin,
      ],
      { cwd: tmp, encoding: "utf8" },
    );
    const stderr = r.stderr;
    const status = Number(readFileSync(join(tmp, "status"), "utf8"));
    expect(stderr).toBe("");
    expect(status).toBe(1);
  });
});

describe("nixmod diff OLD NEW (trees nixmod build wrote)", () => {
  it("gives the plan the module files give; a tree and module files mix", () => {
    for (const [file, out] of [
      ["a.json", "tree-a"],
      ["b.json", "tree-b"],
    ]) {
      const b = nixmod(["build", "-q", file!, "--out", out!], tmp);
      expect(b.stderr).toBe("");
    }
    const fromTrees = nixmod(["diff", "--json", "tree-a", "tree-b"], tmp);
    const fromModules = nixmod(["diff", "--json", "a.json", "b.json"], tmp);
    expect(fromTrees.status).toBe(1);
    expect(fromTrees.stdout).toBe(fromModules.stdout);
    expect(nixmod(["diff", "--json", "tree-a", "b.json"], tmp).stdout).toBe(fromModules.stdout);
    expect(nixmod(["diff", "tree-a", "a.json"], tmp)).toMatchObject({ status: 0 });
    expect(nixmod(["diff", "tree-a", "tree-b"], tmp).stdout).toMatch(
      /^nixmod diff: the tree tree-a -> the tree tree-b\n/,
    );
  });
});

describe("errors: exit 2", () => {
  it("usage errors", () => {
    for (const args of [
      ["a.json"],
      ["a.json", "b.json", "c.json"],
      ["--color", "red", "a.json", "b.json"],
      ["--old", "a.json"],
    ]) {
      const r = nixmod(["diff", ...args], tmp);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("usage: nixmod diff ");
    }
    expect(nixmod(["diff", "--old-revision", "1999-01", "a.json", "b.json"], tmp).stderr).toContain(
      "nixmod: unknown revision '1999-01' (known: 2023-07, 2025-06)",
    );
  });

  it("a folder that no build wrote, a missing file, an evaluation error", () => {
    mkdirSync(join(tmp, "plain"), { recursive: true });
    expect(nixmod(["diff", "plain", "a.json"], tmp)).toEqual({
      status: 2,
      stdout: "",
      stderr: "error: plain is not a tree nixmod build wrote (it has no .nixmod-build marker at its top)\n",
    });
    const missing = nixmod(["diff", "a.json", "nope.json"], tmp);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.json: cannot read module file: no such file");
    expect(missing.stderr).toContain("(while evaluating the new side)");
    writeFileSync(
      join(tmp, "bad.json"),
      JSON.stringify({ systemd: { services: { x: { wantedBy: "multi-user.target" } } } }),
    );
    const bad = nixmod(["diff", "bad.json", "a.json"], tmp);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: A definition for option `systemd\.services\.x\.wantedBy' is not of type `list of /,
    );
    expect(bad.stderr).toContain("(while evaluating the old side)");
  });
});

describe("nixmod diff --git REV MODULE... in a git repository", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  const write = (path: string, text: string) => {
    mkdirSync(join(repo, path, ".."), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const web = (image: string) =>
    `import hooks from "./hooks.js";\nexport default { imports: [hooks, "./db.json"], virtualisation: { "oci-containers": { containers: { web: { image: "${image}", dependsOn: ["db"] } } } } };\n`;
  const hooks = (cmd: string) =>
    `import { mkAfter } from "nixmod";\nexport default { systemd: { services: { "podman-web": { serviceConfig: { ExecStartPre: mkAfter(["${cmd}"]) } } } } };\n`;
  const db = (tag: string) =>
    JSON.stringify({
      virtualisation: { "oci-containers": { containers: { db: { image: `postgres:${tag}` } } } },
    });

  beforeAll(() => {
    repo = join(tmp, "repo");
    mkdirSync(repo);
    git("init", "-q");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "test");
    write("hosts/web.ts", web("nginx:1.25"));
    write("hosts/hooks.ts", hooks("/bin/true one"));
    write("hosts/db.json", db("16"));
    git("add", "-A");
    git("commit", "-qm", "first");
    // Now: every file changed, the imported ones too.
    write("hosts/web.ts", web("nginx:1.27"));
    write("hosts/hooks.ts", hooks("/bin/true two"));
    write("hosts/db.json", db("17"));
    write("hosts/new.ts", "export default {};\n");
  });

  it("reads the files as they were at REV, the files they import too, and compares them with now", () => {
    const r = nixmod(["diff", "--json", "--git", "HEAD", "hosts/web.ts"], repo);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const d = JSON.parse(r.stdout) as {
      stop: string[];
      units: { name: string; container: { reasons: string[] } | null }[];
    };
    expect(d.stop).toEqual(["podman-db.service", "podman-web.service"]);
    const reasons = (unit: string) => d.units.find((u) => u.name === unit)?.container?.reasons;
    expect(reasons("podman-web.service")).toEqual([
      "image: nginx:1.25 → nginx:1.27",
      "a hook appended to ExecStartPre (after the module's pre-start script): /bin/true two",
      "a hook removed from ExecStartPre: /bin/true one",
    ]);
    expect(reasons("podman-db.service")).toEqual(["image: postgres:16 → postgres:17"]);
  });

  it("from a folder of the repository, with paths from there; the heading names the commit", () => {
    const head = git("rev-parse", "HEAD").trim();
    const r = nixmod(["diff", "--git", "HEAD", "web.ts"], join(repo, "hosts"));
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(
      `nixmod diff: web.ts at HEAD (commit ${head.slice(0, 12)}) -> web.ts now`,
    );
  });

  it("exit 0 when the files are as they were", () => {
    git("stash", "-q", "--include-untracked");
    try {
      const r = nixmod(["diff", "--git", "HEAD", "hosts/web.ts"], repo);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("no change");
    } finally {
      git("stash", "pop", "-q");
    }
  });

  it("a revision git does not know, a file REV does not have, a folder that is no repository: exit 2", () => {
    expect(nixmod(["diff", "--git", "no-such-branch", "hosts/web.ts"], repo)).toMatchObject({
      status: 2,
      stderr: `error: git knows no revision 'no-such-branch' in ${repo}\n`,
    });
    const head = git("rev-parse", "HEAD").trim().slice(0, 12);
    expect(nixmod(["diff", "--git", "HEAD", "hosts/new.ts"], repo)).toMatchObject({
      status: 2,
      stderr: `error: hosts/new.ts did not exist at HEAD (commit ${head})\n`,
    });
    const outside = tempDir("no-repo");
    writeFileSync(join(outside, "a.json"), "{}");
    const r = nixmod(["diff", "--git", "HEAD", "a.json"], outside);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: git rev-parse failed: fatal: not a git repository/);
  });
});

describe("help", () => {
  it("diff --help: its usages, flags and examples", () => {
    const r = nixmod(["diff", "--help"], tmp);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^usage: nixmod diff \[--json\] \[--color WHEN\] \[--old-revision NAME\] OLD NEW\n/,
    );
    expect(r.stdout).toContain("--git REV ");
    expect(r.stdout).toContain("\nexamples:\n  nixmod diff --git main hosts/web.ts\n");
  });
});
