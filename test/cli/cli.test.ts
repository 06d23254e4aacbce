// The nixmod command, spawned as a user runs it: `node bin/nixmod.js ...`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");
const cases = join(root, "test", "conformance", "cases");

let tmp: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run nixmod in the temp dir (so relative module paths are as a user types them). */
function nixmod(...args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: unknown): string {
  const p = join(tmp, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return name;
}

const container = (name: string, body: object): object => ({
  virtualisation: { "oci-containers": { containers: { [name]: body } } },
});

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-cli-"));
  write("web.json", { config: container("web", { image: "nginx:1.25", ports: ["8080:80"] }) });
  write(
    "web.yaml",
    "virtualisation:\n  oci-containers:\n    containers:\n      web:\n        image: nginx:1.25\n",
  );
  write("a.json", container("web", { image: "nginx:1" }));
  write("b.json", container("web", { image: "nginx:2" }));
  write("legacy.json", { "docker-containers": { old: { image: "redis:7" } } });
  write("bad.json", '{\n  "a": 1,\n}\n');
  write("shape.json", {
    config: { virtualisation: { "oci-containers": { backend: { _type: "if", content: "docker" } } } },
  });
  write(
    "fn.ts",
    `export default ({ config }: any) => ({
  config: { virtualisation: { "oci-containers": { containers: { app: {
    get image() { return "app:" + config.system.stateVersion; },
  } } } } },
});
`,
  );
});

describe("nixmod eval", () => {
  it("prints systemd.services as JSON with sorted keys and exits 0", () => {
    const r = nixmod("eval", "web.json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const services = JSON.parse(r.stdout);
    expect(Object.keys(services)).toEqual(["podman-web"]);
    const web = services["podman-web"];
    expect(web._module).toBeUndefined();
    expect("startLimitBurst" in web).toBe(false);
    expect(Object.keys(web)).toEqual([...Object.keys(web)].sort());
    // packages print as their store paths
    expect(web.path[0]).toMatch(/^\/nix\/store\/[0-9a-f]{32}-podman-4\.6\.1$/);
    // 2-space indentation
    expect(r.stdout.startsWith('{\n  "podman-web": {\n    "after": [')).toBe(true);
  });

  it("gives the same result for YAML and for the conformance harness", () => {
    const yaml = nixmod("eval", "web.yaml");
    expect(yaml.status).toBe(0);
    const expected = JSON.parse(
      readFileSync(join(cases, "../cases-2025/r25-basic-podman.json"), "utf8"),
    ).expected;
    const json = JSON.parse(nixmod("eval", "web.json").stdout);
    expect(json).toEqual(expected.services);
    expect(Object.keys(JSON.parse(yaml.stdout))).toEqual(["podman-web"]);
  });

  it("--attr selects another attribute", () => {
    const r = nixmod("eval", "--attr", "virtualisation.oci-containers.backend", "web.json");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('"podman"\n');
    const units = nixmod("eval", "--attr", 'systemd.units."podman-web.service".text', "web.json");
    expect(units.status).toBe(0);
    expect(JSON.parse(units.stdout)).toMatch(/^\[Unit\]/m);
  });

  it("a missing attribute is an error", () => {
    const r = nixmod("eval", "--attr", "systemd.nope", "web.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("error: attribute 'nope' in selection path 'systemd.nope' not found\n");
    // A near miss gets the names it may have meant.
    expect(nixmod("eval", "--attr", "systemd.service", "web.json").stderr).toBe(
      "error: attribute 'service' in selection path 'systemd.service' not found; did you mean `services'?\n",
    );
  });

  it("loads TypeScript function modules", () => {
    const r = nixmod("eval", "--attr", "virtualisation.oci-containers.containers.app.image", "fn.ts");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('"app:23.11"\n');
  });

  it("names a module file whose function returns no module, and explains an ES import cycle", () => {
    // A block body: `{ networking: ... }` is a label and a statement, and the function returns nothing.
    write("block.ts", "export default () => {\n  networking: 1;\n};\n");
    const fn = nixmod("eval", "block.ts");
    expect(fn.status).toBe(1);
    expect(fn.stderr).toMatch(
      /^error: module block\.ts \(\/.*\/block\.ts\) does not look like a module\.\n {7}The module function returned `undefined` \(an arrow function whose body is/,
    );
    // a.ts and b.ts import each other with ES imports: b.ts sees a.ts's default export before it is set.
    write("cycle-a.ts", 'import b from "./cycle-b.ts";\nexport default { imports: [b] };\n');
    write("cycle-b.ts", 'import a from "./cycle-a.ts";\nexport default { imports: [a] };\n');
    const cyc = nixmod("eval", "cycle-a.ts");
    expect(cyc.status).toBe(1);
    expect(cyc.stderr).toMatch(
      /^error: module cycle-a\.ts \(.*\) does not look like a module\.\n {7}It is `undefined`: /,
    );
    expect(cyc.stderr).toMatch(/in an import cycle, a file importing one that imports it/);
    // Imported by path, the same cycle is named with its files.
    write("path-a.ts", 'export default { imports: ["./path-b.ts"] };\n');
    write("path-b.ts", 'export default { imports: ["./path-a.ts"] };\n');
    const byPath = nixmod("eval", "path-a.ts");
    expect(byPath.stderr).toMatch(/import cycle: \/.*\/path-a\.ts -> \/.*\/path-b\.ts -> \/.*\/path-a\.ts/);
  });

  it("a module file in a project with its own copy of nixmod gets the command's engine", () => {
    // The project's node_modules/nixmod is another copy (here a stand-in that says so): the
    // module's import and require of "nixmod" must give the engine the command runs, whose
    // errors it knows (an EvalError of another copy would be an internal error).
    const other = "own-copy/node_modules/nixmod";
    write(`${other}/package.json`, {
      name: "nixmod",
      type: "module",
      exports: { ".": { import: "./index.js", require: "./index.cjs" } },
    });
    write(`${other}/index.js`, 'export const throwError = () => { throw new Error("the other copy"); };\n');
    write(`${other}/index.cjs`, 'exports.throwError = () => { throw new Error("the other copy"); };\n');
    write("own-copy/package.json", { name: "host", type: "module" });
    const getter = (how: string) =>
      `export default { config: { virtualisation: { "oci-containers": { containers: { web: {
  get image() { return throwError("${how}: the command's own throwError"); },
} } } } } };\n`;
    write("own-copy/esm.ts", `import { throwError } from "nixmod";\n${getter("import")}`);
    write(
      "own-copy/cjs.cts",
      `const { throwError } = require("nixmod");\nmodule.exports = ${getter("require").replace("export default ", "")}`,
    );
    // And in a project without any copy (no node_modules at all), where Node would find none.
    write("no-copy/package.json", { name: "host", type: "module" });
    write("no-copy/esm.ts", `import { throwError } from "nixmod";\n${getter("import")}`);
    write(
      "no-copy/cjs.cts",
      `const { throwError } = require("nixmod");\nmodule.exports = ${getter("require").replace("export default ", "")}`,
    );
    for (const [file, how] of [
      ["own-copy/esm.ts", "import"],
      ["own-copy/cjs.cts", "require"],
      ["no-copy/esm.ts", "import"],
      ["no-copy/cjs.cts", "require"],
    ]) {
      const r = nixmod("eval", file);
      expect(r.stderr).toBe(`error: ${how}: the command's own throwError\n`);
      expect(r.status).toBe(1);
    }
  });

  it("a JavaScript exception in a module's code is printed with the option and the file that threw it", () => {
    write(
      "throws.ts",
      `export default { config: { virtualisation: { "oci-containers": { containers: { web: {
  get image(): string { const registry: any = undefined; return registry.host + "/web"; },
} } } } } };\n`,
    );
    const r = nixmod("eval", "--attr", "virtualisation.oci-containers.containers.web.image", "throws.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "… while evaluating the option `virtualisation.oci-containers.containers.web.image':\n" +
        "… while evaluating definitions from `throws.ts':\n" +
        "error: cannot read `host' of `registry', which is undefined\n" +
        "\n" +
        "       at throws.ts:2:74:\n" +
        "\n" +
        '            1| export default { config: { virtualisation: { "oci-containers": { containers: { web: {\n' +
        '            2|   get image(): string { const registry: any = undefined; return registry.host + "/web"; },\n' +
        "             | " +
        " ".repeat(73) +
        "^\n" +
        "       (TypeError: Cannot read properties of undefined (reading 'host'), thrown by the module's code)\n",
    );
  });

  it("prints warnings to stderr as traces", () => {
    const r = nixmod("eval", "legacy.json");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      "trace: evaluation warning: The option `docker-containers' defined in `legacy.json' has been changed to `virtualisation.oci-containers' that has a different type. Please read `virtualisation.oci-containers' documentation and update your configuration accordingly.\n",
    );
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(["docker-old"]);
  });

  it("prints an evaluation error in Nix's layout and exits 1, without a JS stack", () => {
    const r = nixmod("eval", "a.json", "b.json");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "error: The option `virtualisation.oci-containers.containers.web.image' has conflicting definition values:",
        '       - In `a.json\': "nginx:1"',
        '       - In `b.json\': "nginx:2"',
        "       Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.",
        "",
      ].join("\n"),
    );
  });

  it("says what the bundled modules' files named in a message are (Nix's text unchanged above)", () => {
    write("restart.json", {
      ...container("web", { image: "nginx" }),
      systemd: { services: { "podman-web": { serviceConfig: { Restart: "no" } } } },
    });
    const r = nixmod("eval", "restart.json");
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "error: The option `systemd.services.podman-web.serviceConfig.Restart' has conflicting definition values:",
      '       - In `oci-containers.nix\': "always"',
      '       - In `restart.json\': "no"',
    ]);
    const note = lines.at(-2)!;
    expect(note).toBe(
      "       (`oci-containers.nix' is nixmod's oci-containers module, revision 2025-06: nixmod:src/modules/virtualisation/oci-containers/2025-06.ts)",
    );
    expect(existsSync(join(root, /nixmod:(\S+)\)/.exec(note)![1]!))).toBe(true);
    const seed = nixmod("eval", "--revision", "2023-07", "restart.json").stderr;
    expect(seed).toContain("revision 2023-07: nixmod:src/modules/virtualisation/oci-containers/2023-07.ts)");
    const why = nixmod("explain", "systemd.services.podman-web.serviceConfig.Restart", "web.json");
    expect(why.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      "(`oci-containers.nix' is nixmod's oci-containers module, revision 2025-06: nixmod:src/modules/virtualisation/oci-containers/2025-06.ts)",
      "(`nixos-base.nix' is nixmod's small NixOS base: nixmod:src/modules/nixos-base.ts and the modules it names)",
    ]);
  });

  it("--show-trace adds the JavaScript stack, and prints the error once", () => {
    const r = nixmod("eval", "--show-trace", "a.json", "b.json");
    expect(r.status).toBe(1);
    expect(r.stderr.match(/has conflicting definition values/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/\nJavaScript stack:\n\s+at /);
  });

  it("reports bad JSON with the file, line and column", () => {
    const r = nixmod("eval", "bad.json");
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(
      "error: bad.json:3:1: invalid JSON: Expected double-quoted property name",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a wrong property shape with the JSON path", () => {
    const r = nixmod("eval", "shape.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'error: shape.json: at config.virtualisation.oci-containers.backend: "_type": "if" needs a boolean "condition"\n',
    );
  });

  it("reports a missing module file", () => {
    const r = nixmod("eval", "nope.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("error: nope.json: cannot read module file: no such file\n");
  });

  it("usage errors exit 2", () => {
    expect(nixmod("eval").status).toBe(2);
    expect(nixmod("frobnicate").status).toBe(2);
    expect(nixmod("eval", "--bogus", "web.json").status).toBe(2);
  });
});

describe("nixmod eval --case", () => {
  it("prints the harness's values for a case", () => {
    const r = nixmod("eval", "--case", join(cases, "migration-docker-containers.json"));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      "backend",
      "dockerEnable",
      "podmanEnable",
      "services",
      "units",
      "warnings",
    ]);
    const c = JSON.parse(readFileSync(join(cases, "migration-docker-containers.json"), "utf8"));
    expect(out).toEqual(c.expected);
  });

  it("prints a scenario's values (a case without expected values, as real Nix evaluates it)", () => {
    const c = JSON.parse(readFileSync(join(cases, "migration-docker-containers.json"), "utf8"));
    const { expected, scripts: _scripts, ...scenario } = c;
    write("scenario.json", scenario);
    const r = nixmod("eval", "--case", "scenario.json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it("a case with both expected values and an error is refused", () => {
    const c = JSON.parse(readFileSync(join(cases, "migration-docker-containers.json"), "utf8"));
    write("both.json", { ...c, error: { contains: "x" } });
    const r = nixmod("eval", "--case", "both.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: both.json: a conformance case has exactly one of "expected" and "error"\n');
  });

  it("prints an error case's error", () => {
    const r = nixmod("eval", "--case", join(cases, "err-image-undefined.json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "error: The option `virtualisation.oci-containers.containers.web.image' is used but not defined.",
    );
  });
});

describe("nixmod conformance", () => {
  it("reports each failing case with the first difference, and a summary", () => {
    mkdirSync(join(tmp, "cases"), { recursive: true });
    copyFileSync(join(cases, "basic-podman.json"), join(tmp, "cases", "basic-podman.json"));
    const c = JSON.parse(readFileSync(join(cases, "basic-podman.json"), "utf8"));
    c.name = "tampered";
    c.expected.services["podman-web"].after = ["other.target"];
    write("cases/tampered.json", c);
    const e = JSON.parse(readFileSync(join(cases, "err-image-undefined.json"), "utf8"));
    e.name = "tampered-error";
    e.error.contains = "something else";
    write("cases/tampered-error.json", e);

    const r = nixmod("conformance", "cases");
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      // files in code-unit order: "tampered-error.json" < "tampered.json"
      `FAIL tampered-error: expected an error containing "something else", got "The option \`virtualisation.oci-containers.containers.web.image' is used but not defined."`,
      `FAIL tampered: at services.podman-web.after[0]: expected "other.target", got "network-online.target"`,
      "1 passed, 2 failed",
      "",
    ]);
  });

  it("a folder with no case is an error, not `0 passed, 0 failed'", () => {
    mkdirSync(join(tmp, "empty"), { recursive: true });
    const r = nixmod("conformance", "empty");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: empty has no conformance case (a .json file): nothing was checked\n");
  });

  it("exits 0 when every case passes", () => {
    mkdirSync(join(tmp, "good"), { recursive: true });
    copyFileSync(join(cases, "no-containers.json"), join(tmp, "good", "no-containers.json"));
    const r = nixmod("conformance", "good");
    expect(r.stdout).toBe("1 passed, 0 failed\n");
    expect(r.status).toBe(0);
  });
});

describe("help and version", () => {
  const commands = ["eval", "conformance", "build", "options", "explain", "diff"];

  it("every subcommand takes --help and -h: its usage, flags and an example, exit 0", () => {
    for (const c of commands) {
      for (const flag of ["--help", "-h"]) {
        const r = nixmod(c, flag);
        expect(r.status, `${c} ${flag}`).toBe(0);
        expect(r.stderr).toBe("");
        expect(r.stdout).toMatch(new RegExp(`^usage: nixmod ${c} `));
        expect(r.stdout).toContain("\n  -h, --help ");
        expect(r.stdout).toContain("      --revision NAME ");
        expect(r.stdout).toMatch(new RegExp(`\\nexamples?:\\n  nixmod ${c} `));
      }
    }
    // --help wins over what else is missing or wrong on the line
    expect(nixmod("build", "--help", "--out").status).toBe(0);
    expect(nixmod("help", "build").stdout).toBe(nixmod("build", "--help").stdout);
  });

  it("nixmod --help lists every subcommand; no command at all is a usage error", () => {
    const r = nixmod("--help");
    expect(r.status).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(`\n  nixmod ${c} `);
    expect(r.stdout).toContain("\n  nixmod --version ");
    const none = nixmod();
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(r.stdout);
  });

  it("nixmod --version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const r = nixmod(flag);
      expect(r).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("a usage error names the command's usage and its --help", () => {
    const r = nixmod("eval", "--bogus", "web.json");
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")).toEqual([
      "nixmod: Unknown option '--bogus'",
      "usage: nixmod eval [--attr PATH] [--show-trace] MODULE...",
      "       nixmod eval [--show-trace] --case FILE",
      "(nixmod eval --help: more, with an example)",
      "",
    ]);
    expect(nixmod("evl", "web.json").stderr).toMatch(
      /^nixmod: unknown command 'evl'; did you mean `eval'\?\n/,
    );
  });
});

describe("a reader that stops early", () => {
  it("is no error: the command stops quietly (| head)", () => {
    // 300 containers: megabytes of services, far more than a pipe holds once `head` has gone.
    const containers = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`c${i}`, { image: "nginx" }]),
    );
    write("many.json", { virtualisation: { "oci-containers": { containers } } });
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" eval many.json | head -c 10`], {
      cwd: tmp,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.stdout).toBe('{\n  "podma');
    expect(r.stderr).toBe("");
  });
});

describe("colours reach only a terminal", () => {
  it("an error the 2025-06 lib colours is printed without escapes to a pipe, as Nix prints it", () => {
    writeFileSync(join(tmp, "flake-import.ts"), 'export default { imports: [{ _type: "flake" }] };\n');
    const r = nixmod("eval", "flake-import.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: Expected a module, but found a value of type "flake"');
    expect(r.stderr).not.toContain("\u001b[");
  });
});
