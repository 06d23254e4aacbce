// Prototype pollution: attribute names are data. Names such as `__proto__`, `constructor`,
// `toString` or `hasOwnProperty`, anywhere in a module (JSON, YAML, TypeScript), never reach
// Object.prototype and are never dropped; they behave as Nix treats any other name. Checked
// through the library (JSON text decoded by the loader's codec, YAML files, TypeScript
// objects) and through the CLI (a spawned `node bin/nixmod.js eval`, with a preloaded check
// that Object.prototype is untouched when the process exits).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// helpers first: it loads the engine in the order its modules expect.
import { attrs, containers, evalError, host, servicesJson } from "./helpers.js";
import { decodeModule, loadModuleFile } from "../../src/loader/loader.js";
import { mkPackageOption } from "../../src/lib/options.js";
import { setLibRevision } from "../../src/lib/lib-revision.js";

// Written for the seed: its modules and its lib (revision 2023-07).
setLibRevision("2023-07");

/** Every name Object.prototype has (what `{}` inherits), and the classic payload keys. */
const protoNames = [...Object.getOwnPropertyNames(Object.prototype), "prototype"];
const hostile = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  ...protoNames,
];
const names = [...new Set(hostile)];

const snapshot = (): string =>
  JSON.stringify(
    Object.getOwnPropertyNames(Object.prototype)
      .sort()
      .map((n) => [n, typeof Object.getOwnPropertyDescriptor(Object.prototype, n)?.value]),
  );
const before = snapshot();

/** Object.prototype is as it was, and nothing leaked into a fresh `{}`. */
function expectClean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
  expect(snapshot()).toBe(before);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}
afterEach(expectClean);

/** A JSON module text with the payload under every hostile name, at every level we can reach. */
const payload = { polluted: "yes", toString: "x", constructor: { prototype: { polluted: "yes" } } };
const jsonModule = (top: boolean): string => {
  const env = Object.fromEntries(names.map((n) => [n, `v-${n}`]));
  const svcConfig = Object.fromEntries(names.map((n) => [n, "x"]));
  return (
    `{` +
    (top ? names.map((n) => `${JSON.stringify(n)}: ${JSON.stringify(payload)},`).join("") : "") +
    `"virtualisation": {"oci-containers": {"backend": "docker", "containers": {` +
    `"constructor": {"image": "nginx", "environment": ${JSON.stringify(env)}},` +
    `"toString": {"image": "nginx", "__proto__": ${JSON.stringify(payload)}}}}},` +
    `"systemd": {"services": {"__proto__": {"script": "x", "environment": ${JSON.stringify(env)}, "serviceConfig": ${JSON.stringify(svcConfig)}}}}` +
    `}`
  );
};

const decode = (text: string, file: string): unknown => {
  const r = decodeModule(JSON.parse(text), file);
  if (E.isLeft(r)) throw r.left;
  return r.right;
};

describe("through the library", () => {
  it("JSON.parse really makes `__proto__` an own attribute (the premise of these tests)", () => {
    const o = JSON.parse('{"__proto__": {"polluted": 1}}') as object;
    expect(Object.keys(o)).toEqual(["__proto__"]);
  });

  for (const n of names) {
    it(`an undeclared top-level \`${n}' is "The option \`${n}' does not exist"`, () => {
      const e = evalError(
        () => host([decode(`{${JSON.stringify(n)}: ${JSON.stringify(payload)}}`, "bad.json")]).config,
      );
      expect(e.message).toMatch(
        new RegExp(
          `^The option \`${n.replace(/[$_]/g, "\\$&")}' does not exist\\. Definition values:\\n- In \`bad\\.json'`,
        ),
      );
    });
  }

  it("an undeclared `__proto__` inside a container is reported with its full path", () => {
    const e = evalError(() => servicesJson([decode(jsonModule(false), "h.json")]));
    expect(e.message).toContain(
      "The option `virtualisation.oci-containers.containers.toString.__proto__' does not exist.",
    );
  });

  it("names are passed like any other: environment variables, services, unit settings", () => {
    const m = decode(jsonModule(false).replace(`, "__proto__": ${JSON.stringify(payload)}`, ""), "h.json");
    const { config } = host([m]);
    const web = config.systemd.services["docker-constructor"];
    for (const n of names) expect(web.script).toContain(` -e '${n}'='v-${n}'`);
    expect(
      Object.keys(config.virtualisation["oci-containers"].containers.constructor.environment).sort(),
    ).toEqual([...names].sort());
    const svc = config.systemd.services.__proto__;
    expect(Object.prototype.hasOwnProperty.call(config.systemd.services, "__proto__")).toBe(true);
    expect(Object.keys(svc.environment).sort()).toEqual([...names, "PATH"].sort());
    const unit = config.systemd.units["__proto__.service"].text as string;
    for (const n of names) expect(unit).toContain(`\n${n}=x\n`);
    expect(unit).toContain(`Environment="__proto__=v-__proto__"`);
  });

  it("TypeScript objects with own hostile names (computed keys) behave the same", () => {
    const env = attrs(names.map((n) => [n, n]));
    const { config } = host([
      containers("h.ts", { constructor: { image: "nginx", environment: env }, valueOf: { image: "x" } }),
    ]);
    expect(
      Object.keys(config.systemd.services)
        .filter((s) => s.startsWith("docker-"))
        .sort(),
    ).toEqual(["docker-constructor", "docker-valueOf"]);
    for (const n of names)
      expect(config.systemd.services["docker-constructor"].script).toContain(`-e '${n}'='${n}'`);
  });

  it("names Object.prototype has are not taken as defined when a module does not define them", () => {
    // `"toString" in {}` is true in JavaScript: the engine must not see such names in plain objects.
    const { config } = host([containers("h.ts", { web: { image: "nginx" } })]);
    const c = config.virtualisation["oci-containers"].containers;
    expect(Object.keys(c)).toEqual(["web"]);
    expect(Object.keys(c.web.environment)).toEqual([]);
    for (const n of names)
      expect(Object.prototype.hasOwnProperty.call(config.systemd.services, n)).toBe(false);
  });

  it("mkPackageOption does not find `constructor` in pkgs (`pkgs ? constructor` is false)", () => {
    const m = ({ pkgs }: { pkgs: Record<string, unknown> }) => ({
      _file: "p.ts",
      options: { thing: { package: mkPackageOption(pkgs, "constructor", {}) } },
    });
    const e = evalError(() => host([m]).config.thing.package);
    expect(e.message).toContain("constructor cannot be found in pkgs");
  });

  it("a YAML module with `__proto__` keys (and a merge key) loads them as data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nixmod-proto-"));
    try {
      const f = join(dir, "m.yaml");
      writeFileSync(
        f,
        [
          "base: &b",
          "  polluted: yes",
          "virtualisation:",
          "  oci-containers:",
          "    backend: docker",
          "    containers:",
          "      hasOwnProperty:",
          "        image: nginx",
          "        environment:",
          "          __proto__: x",
          "          constructor: y",
          "          <<: *b",
        ].join("\n"),
      );
      const m = (await loadModuleFile(f)) as Record<string, unknown>;
      const withoutBase = {
        ...m,
        config: attrs(Object.entries(m.config as object).filter(([k]) => k !== "base")),
      };
      const { config } = host([withoutBase]);
      const env = config.virtualisation["oci-containers"].containers.hasOwnProperty.environment;
      expect(env.__proto__).toBe("x");
      expect(env.constructor).toBe("y");
      expectClean();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-proto-cli-"));
  // Preloaded into the CLI's node processes: on exit, report any change to Object.prototype.
  writeFileSync(
    join(tmp, "check.mjs"),
    `const before = JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort());
process.on("exit", () => {
  const after = JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort());
  if (({}).polluted !== undefined || after !== before) process.stderr.write("OBJECT.PROTOTYPE POLLUTED\\n");
  else process.stderr.write("prototype clean\\n");
});
`,
  );
  writeFileSync(join(tmp, "top.json"), `{"__proto__": ${JSON.stringify(payload)}}`);
  writeFileSync(
    join(tmp, "all.json"),
    jsonModule(false).replace(`, "__proto__": ${JSON.stringify(payload)}`, ""),
  );
  writeFileSync(join(tmp, "nested.json"), jsonModule(false));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function nixmod(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: tmp,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NODE_OPTIONS: `--import=${join(tmp, "check.mjs")}` },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("through the CLI (node bin/nixmod.js eval FILE.json)", () => {
  it("an undeclared top-level `__proto__` does not exist, and Object.prototype stays clean", () => {
    const r = nixmod("eval", "top.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: The option `__proto__' does not exist. Definition values:");
    expect(r.stderr).toContain("prototype clean");
    expect(r.stderr).not.toContain("POLLUTED");
  });

  it("hostile names everywhere are printed as data", () => {
    const r = nixmod(
      "eval",
      "--attr",
      "virtualisation.oci-containers.containers.constructor.environment",
      "all.json",
    );
    expect(r.status, r.stderr).toBe(0);
    const env = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual([...names].sort());
    expect(r.stderr).not.toContain("POLLUTED");
    const s = nixmod("eval", "all.json");
    expect(s.status, s.stderr).toBe(0);
    expect(Object.keys(JSON.parse(s.stdout) as object).sort()).toEqual([
      "__proto__",
      "docker-constructor",
      "docker-toString",
    ]);
    expect(s.stderr).not.toContain("POLLUTED");
  });

  it("--attr finds own attributes only (`toString` is not in every set)", () => {
    const r = nixmod(
      "eval",
      "--attr",
      "virtualisation.oci-containers.containers.toString.environment.toString",
      "all.json",
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("attribute 'toString' in selection path");
  });

  it("a nested undeclared `__proto__` is an error naming its path", () => {
    const r = nixmod("eval", "nested.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "The option `virtualisation.oci-containers.containers.toString.__proto__' does not exist.",
    );
    expect(r.stderr).not.toContain("POLLUTED");
  });
});
