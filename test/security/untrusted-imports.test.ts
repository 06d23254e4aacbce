// Untrusted data modules and `imports` (docs/security.md, section 6): a JSON or YAML module
// imports JSON and YAML files only, never code, and only from inside the import roots (the
// directories of the module files given, or roots the user names); the nixmod command never
// runs itself as a module.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { LoadError, loadModuleFile, loadModuleFiles } from "../../src/loader/loader.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { types } from "../../src/types/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");

let tmp: string;
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

/** A code module that leaves a file behind when it runs. */
const codeModule = (name: string): { file: string; ran: string } => {
  const ran = join(tmp, `${name}.ran`);
  const file = write(
    name,
    `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(ran)}, "");\nexport default {};\n`,
  );
  return { file, ran };
};

async function loadError(load: () => Promise<unknown>): Promise<LoadError> {
  try {
    await load();
  } catch (e) {
    if (e instanceof LoadError) return e;
    throw e;
  }
  throw new Error("the load succeeded");
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-untrusted-imports-"));
});

describe("a data module imports data only", () => {
  for (const ext of [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"]) {
    it(`a JSON module's import of a ${ext} file is refused, naming the file and the import; the code does not run`, async () => {
      const { file, ran } = codeModule(`code/evil${ext}`);
      const host = write("code/host.json", JSON.stringify({ imports: [`./evil${ext}`] }));
      const e = await loadError(() => loadModuleFile(host));
      expect(e.file).toBe(host);
      expect(e.message).toContain(file);
      expect(e.message).toMatch(/a JSON or YAML module cannot import code/);
      expect(existsSync(ran)).toBe(false);
    });
  }

  it("a YAML module's import of a TypeScript file is refused, also inside an inline module", async () => {
    const { ran } = codeModule("yaml/evil.ts");
    const host = write("yaml/host.yaml", "imports:\n  - imports: [./evil.ts]\n");
    const e = await loadError(() => loadModuleFile(host));
    expect(e.message).toMatch(/^.*host\.yaml: .*cannot import code.*evil\.ts/s);
    expect(existsSync(ran)).toBe(false);
  });

  it("a TypeScript module may import code (it is code itself)", async () => {
    write("ts/lib.ts", "export default { config: { a: 1 } };\n");
    const host = write("ts/host.ts", 'export default { imports: ["./lib.ts"] };\n');
    const m: any = await loadModuleFile(host);
    expect(m.imports[0].config.a).toBe(1);
  });
});

describe("a data module imports from inside the import roots only", () => {
  it("an absolute path elsewhere is refused, and nothing of the file appears in the error", async () => {
    const secret = write("elsewhere/secret.json", JSON.stringify({ password: "hunter2" }));
    const host = write("proj/host.json", JSON.stringify({ imports: [secret] }));
    const e = await loadError(() => loadModuleFile(host));
    expect(e.file).toBe(host);
    expect(e.message).toContain(secret);
    expect(e.message).toMatch(/outside the directories a JSON or YAML module may import from/);
    expect(e.message).not.toContain("hunter2");
    expect(e.message).not.toContain("password");
  });

  it("a missing file outside the roots is refused the same way (no probing for files)", async () => {
    const host = write("proj/probe.json", JSON.stringify({ imports: ["/etc/nixmod-no-such-file.json"] }));
    expect((await loadError(() => loadModuleFile(host))).message).toMatch(/outside the directories/);
  });

  it("`..` out of the directory of the file given is refused; the library's importRoots (and the CLI's --import-root) allow it", async () => {
    write("tree/common/base.json", JSON.stringify({ a: 1 }));
    const host = write("tree/hosts/web.json", JSON.stringify({ imports: ["../common/base.json"] }));
    expect((await loadError(() => loadModuleFile(host))).message).toMatch(
      /hosts\/web\.json: cannot import `.*common\/base\.json': it is outside the directories/,
    );
    const m: any = await loadModuleFile(host, { importRoots: [join(tmp, "tree")] });
    expect(m.imports[0].config.a).toBe(1);
    const [n]: any[] = await loadModuleFiles([host], { importRoots: [join(tmp, "tree")] });
    expect(n.imports[0].config.a).toBe(1);
  });

  it("every file given is a root: a file may import from the directory of another given file", async () => {
    write("two/b/lib.json", JSON.stringify({ b: 1 }));
    const a = write("two/a/host.json", JSON.stringify({ imports: ["../b/lib.json"] }));
    const b = write("two/b/other.json", JSON.stringify({}));
    const [m]: any[] = await loadModuleFiles([a, b]);
    expect(m.imports[0].config.b).toBe(1);
  });

  it("imports inside the root load, nested ones too", async () => {
    write("ok/sub/deep.yaml", "c: 3\n");
    write("ok/sub/mid.json", JSON.stringify({ imports: ["./deep.yaml"], b: 2 }));
    const host = write("ok/host.json", JSON.stringify({ imports: ["sub/mid.json"], a: 1 }));
    const m: any = await loadModuleFile(host);
    expect(m.imports[0].imports[0].config.c).toBe(3);
  });

  it("a symbolic link inside the root to a file outside it is refused", async () => {
    const secret = write("outside/secret.json", JSON.stringify({ a: 1 }));
    mkdirSync(join(tmp, "linked"), { recursive: true });
    symlinkSync(secret, join(tmp, "linked/innocent.json"));
    const host = write("linked/host.json", JSON.stringify({ imports: ["./innocent.json"] }));
    expect((await loadError(() => loadModuleFile(host))).message).toMatch(/outside the directories/);
  });

  it("a data module found during evaluation (by a function module's string import) follows the same rules", async () => {
    const { ran } = codeModule("late/evil.js");
    write("late/data.json", JSON.stringify({ imports: ["./evil.js"] }));
    write("late/elsewhere.json", JSON.stringify({ imports: [join(tmp, "elsewhere/secret.json")] }));
    const decl = { options: { a: mkOption({ type: types.int, default: 0 }) } };
    const imports = (f: string) => () => ({ imports: [join(tmp, "late", f)] });
    expect(() => evalModules({ modules: [decl, imports("data.json")] }).config.a).toThrow(
      /cannot import code/,
    );
    expect(existsSync(ran)).toBe(false);
    expect(() => evalModules({ modules: [decl, imports("elsewhere.json")] }).config.a).toThrow(
      /outside the directories/,
    );
  });
});

describe("the nixmod command", () => {
  const nixmod = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000 });

  it("a JSON module importing the nixmod command is refused (it re-launched itself without end)", () => {
    const host = write("cmd/host.json", JSON.stringify({ imports: [bin] }));
    const r = nixmod(tmp, "eval", host);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: .*host\.json: .*cannot import code/m);
  });

  it("the command is not a module, given on the command line or imported by a TypeScript module", () => {
    const host = write("cmd/imports-bin.ts", `import ${JSON.stringify(bin)};\nexport default {};\n`);
    for (const file of [bin, host]) {
      const r = nixmod(tmp, "eval", file);
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/the nixmod command, not a module/);
    }
  });

  it("--import-root names another root", () => {
    write(
      "cli/common/base.json",
      JSON.stringify({ virtualisation: { "oci-containers": { backend: "docker" } } }),
    );
    const host = write("cli/hosts/web.json", JSON.stringify({ imports: ["../common/base.json"] }));
    const attr = "virtualisation.oci-containers.backend";
    const refused = nixmod(tmp, "eval", "--attr", attr, host);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/outside the directories .*--import-root/s);
    const r = nixmod(tmp, "eval", "--import-root", join(tmp, "cli"), "--attr", attr, host);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe('"docker"');
  });
});
