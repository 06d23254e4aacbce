// TypeScript and JavaScript module files as the nixmod command loads them from its bundle:
// compiled to CommonJS and kept in the cache by their text (src/cli/code-modules.ts), or
// imported as ES modules through tsx when CommonJS cannot run them as written.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");

let tmp: string;
let cache: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-code-"));
  cache = join(tmp, "cache");
  mkdirSync(cache, { mode: 0o700 });
  writeFileSync(join(tmp, "package.json"), '{ "type": "module" }\n');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): void {
  mkdirSync(dirname(join(tmp, name)), { recursive: true });
  writeFileSync(join(tmp, name), text);
}

/** The image of container `web` as the command evaluates `files`. */
function image(...files: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [bin, "eval", "--attr", "virtualisation.oci-containers.containers.web.image", ...files],
    {
      cwd: tmp,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, NIXMOD_COMPILE_CACHE: cache, NIXMOD_FROM_SOURCE: "" },
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const web = (image: string): string =>
  `{ config: { virtualisation: { "oci-containers": { containers: { web: { image: ${image} } } } } } }`;

const entries = (): string[] =>
  readdirSync(cache)
    .filter((e) => !e.endsWith(".v8cache"))
    .sort();

describe("module files compiled to CommonJS", () => {
  it("TypeScript with types, importing another file as .js and nixmod, kept in the cache", () => {
    write("tag.ts", 'export const tag: string = "1.25";\n');
    write(
      "host.ts",
      `import { mkForce } from "nixmod";\nimport { tag } from "./tag.js";\ninterface Image { name: string }\nconst i: Image = { name: \`nginx:\${tag}\` };\nexport default ${web("mkForce(i.name)")};\n`,
    );
    expect(image("host.ts")).toEqual({ status: 0, stdout: '"nginx:1.25"\n', stderr: "" });
    expect(entries()).toEqual([
      expect.stringMatching(/^host\.ts-[0-9a-f]{8}-[0-9a-f]{32}\.js$/),
      expect.stringMatching(/^tag\.ts-[0-9a-f]{8}-[0-9a-f]{32}\.js$/),
    ]);
    for (const e of entries()) {
      expect(readFileSync(join(cache, e), "utf8")).toMatch(/^\/\/nixmod:commonjs\n"use strict";/);
      expect(statSync(join(cache, e)).mode & 0o777).toBe(0o600);
    }
  });

  it("a file changed to another text of the same length runs as it is now", () => {
    write("host.ts", `export default ${web('"nginx:1"')};\n`);
    expect(image("host.ts").stdout).toBe('"nginx:1"\n');
    write("host.ts", `export default ${web('"nginx:2"')};\n`);
    expect(image("host.ts").stdout).toBe('"nginx:2"\n');
    expect(entries()).toHaveLength(2);
  });

  it(".mts, .cts, .mjs, and a .ts of a CommonJS package", () => {
    write("a.mts", `export default ${web('"a" as string')};\n`);
    write("b.cts", `module.exports = ${web('"b" as string')};\n`);
    write("c.mjs", `export default ${web('"c"')};\n`);
    write("cjs/package.json", '{ "type": "commonjs" }\n');
    write(
      "cjs/d.ts",
      `const { mkForce } = require("nixmod");\nmodule.exports = ${web('mkForce("d" as string)')};\n`,
    );
    for (const [file, name] of [
      ["a.mts", "a"],
      ["b.cts", "b"],
      ["c.mjs", "c"],
      ["cjs/d.ts", "d"],
    ] as const) {
      expect(image(file)).toEqual({ status: 0, stdout: `"${name}"\n`, stderr: "" });
    }
  });

  it("keeps the newest 256 compiled files of all", () => {
    for (let i = 0; i < 300; i++) {
      const old = join(cache, `gone${i}.ts-0000abcd-${i.toString(16).padStart(32, "0")}.js`);
      writeFileSync(old, "//nixmod:import\n", { mode: 0o600 });
      utimesSync(old, 1000 + i, 1000 + i);
    }
    write("host.ts", `export default ${web('"nginx:1"')};\n`);
    expect(image("host.ts").stdout).toBe('"nginx:1"\n');
    const kept = entries();
    expect(kept).toHaveLength(256);
    expect(kept.filter((e) => e.startsWith("host.ts-"))).toHaveLength(1);
    // The oldest went first.
    expect(kept).not.toContain(`gone0.ts-0000abcd-${"0".repeat(32)}.js`);
    expect(kept).toContain(`gone299.ts-0000abcd-${(299).toString(16).padStart(32, "0")}.js`);
  });

  it("an entry others can write is not run, and is written again", () => {
    write("host.ts", `export default ${web('"nginx:1"')};\n`);
    expect(image("host.ts").stdout).toBe('"nginx:1"\n');
    const [entry] = entries();
    const path = join(cache, entry!);
    writeFileSync(
      path,
      '//nixmod:commonjs\nmodule.exports = { default: { config: { virtualisation: { "oci-containers": { containers: { web: { image: "evil" } } } } } } };\n',
    );
    chmodSync(path, 0o666);
    const r = image("host.ts");
    expect(r.stdout).toBe('"nginx:1"\n');
    expect(r.stderr).toMatch(
      /^nixmod: not using the compile cache entry .*: it is writable by its group and others \(mode 0666\); this run writes one of its own in its place\n$/,
    );
    expect(readFileSync(path, "utf8")).not.toContain("evil");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe("module files CommonJS cannot run as written, imported as ES modules", () => {
  it("top-level await", () => {
    write(
      "host.ts",
      `const name: string = await Promise.resolve("awaited");\nexport default ${web("name")};\n`,
    );
    expect(image("host.ts")).toEqual({ status: 0, stdout: '"awaited"\n', stderr: "" });
  });

  it("import.meta", () => {
    write(
      "host.ts",
      `export default ${web("import.meta.url.endsWith('/host.ts') ? 'meta' : import.meta.url")};\n`,
    );
    expect(image("host.ts")).toEqual({ status: 0, stdout: '"meta"\n', stderr: "" });
  });

  it("a tsconfig.json that extends another: its options are tsx's to read", () => {
    write("base.json", '{ "compilerOptions": { "experimentalDecorators": true } }\n');
    write("tsconfig.json", '{ "extends": "./base.json" }\n');
    write(
      "host.ts",
      `function tagged(_t: unknown, _k: string, d: PropertyDescriptor): PropertyDescriptor { return { ...d, value: () => "decorated" }; }\nclass C { @tagged name(): string { return "plain"; } }\nexport default ${web("new C().name()")};\n`,
    );
    expect(image("host.ts")).toEqual({ status: 0, stdout: '"decorated"\n', stderr: "" });
  });

  it("a syntax error is reported as tsx reports it, naming the file", () => {
    write("host.ts", "export default { config: {\n");
    const r = image("host.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: host\.ts: cannot load: /);
    expect(r.stderr).toContain("host.ts:2:0: ERROR: Expected identifier but found end of file");
  });
});
