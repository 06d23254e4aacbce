// The nixmod command runs its bundle (dist/bundle, built before the tests by
// test/global-setup.ts, as `npm run build` does) when it is as new as the sources, and the
// sources through tsx otherwise; a module importing "nixmod" gets the engine it runs.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleIsCurrent, cliCommand } from "../../bin/cli-entry.cjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");

describe("which program the command runs", () => {
  let pkg: string;
  const file = (p: string, seconds: number): void => {
    const abs = join(pkg, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, "");
    utimesSync(abs, seconds, seconds);
  };
  beforeAll(() => {
    pkg = mkdtempSync(join(tmpdir(), "nixmod-pkg-"));
    writeFileSync(join(pkg, "package.json"), "{}");
  });
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  it("the sources while there is no bundle", () => {
    file("src/index.ts", 1000);
    expect(bundleIsCurrent(pkg, {})).toBe(false);
  });

  it("the bundle when no file under src/ is newer, the sources when one is", () => {
    file("src/lib/a.ts", 1000);
    file("dist/bundle/cli.cjs", 2000);
    expect(bundleIsCurrent(pkg, {})).toBe(true);
    file("src/lib/deep/b.ts", 3000);
    expect(bundleIsCurrent(pkg, {})).toBe(false);
    file("dist/bundle/cli.cjs", 3000); // as new: npm gives every file of a package one time
    expect(bundleIsCurrent(pkg, {})).toBe(true);
  });

  it("the sources when NIXMOD_FROM_SOURCE=1 asks for them", () => {
    expect(bundleIsCurrent(pkg, { NIXMOD_FROM_SOURCE: "1" })).toBe(false);
  });

  it("an installed package's bundle, whatever times npm gave its files", () => {
    const installed = join(pkg, "node_modules", "nixmod");
    file("node_modules/nixmod/dist/bundle/cli.cjs", 1000);
    file("node_modules/nixmod/src/index.ts", 2000);
    expect(bundleIsCurrent(installed, {})).toBe(true);
    expect(bundleIsCurrent(installed, { NIXMOD_FROM_SOURCE: "1" })).toBe(false);
  });

  it("a process of its own: the bundle with its export condition; else the sources through tsx", () => {
    const bundled = cliCommand(root, {});
    expect(bundled.args).toEqual(["--conditions=nixmod-bundle", join(root, "dist", "bundle", "cli.cjs")]);
    const source = cliCommand(root, { NIXMOD_FROM_SOURCE: "1" });
    expect(source.args[0]).toBe("--conditions=nixmod-source");
    expect(source.args.slice(1, 2)).toEqual(["--import"]);
    expect(source.args[2]).toMatch(/tsx\/dist\/loader\.mjs$/);
    expect(source.args[3]).toBe(join(root, "src", "cli", "main.ts"));
  });
});

/** A module file's text: `imports`, then a module defining the container `web` by `body`. */
const webModule = (imports: string, body: string): string => `${imports}
export default {
  config: {
    virtualisation: { "oci-containers": { containers: { web: {
      ${body}
    } } } },
  },
};
`;

describe("a module importing nixmod, run by the command", () => {
  // Inside the package (a git-ignored directory), so that "nixmod" resolves to it.
  let dir: string;
  const run = (fromSource: boolean, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, NIXMOD_FROM_SOURCE: fromSource ? "1" : "" },
    });
  beforeAll(() => {
    mkdirSync(join(root, "tmp"), { recursive: true });
    dir = mkdtempSync(join(root, "tmp", "cli-bundle-"));
    writeFileSync(
      join(dir, "where.ts"),
      webModule(
        'import { mkForce } from "nixmod";',
        `image: mkForce("nginx:1"),
      environment: { NIXMOD: import.meta.resolve("nixmod") },`,
      ),
    );
    writeFileSync(
      join(dir, "throws.ts"),
      webModule(
        'import { EvalError } from "nixmod";',
        `image: "nginx:1",
      get user(): string {
        throw new EvalError("thrown by the module");
      },`,
      ),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const nixmodOf = (fromSource: boolean): string => {
    const r = run(
      fromSource,
      "eval",
      "--attr",
      "virtualisation.oci-containers.containers.web.environment",
      join(dir, "where.ts"),
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return (JSON.parse(r.stdout) as { NIXMOD: string }).NIXMOD;
  };

  it("gets the bundle's engine from the bundle, the sources' from the sources", () => {
    expect(nixmodOf(false)).toBe(new URL("../../dist/bundle/index.js", import.meta.url).href);
    expect(nixmodOf(true)).toBe(new URL("../../src/index.ts", import.meta.url).href);
  });

  it("throws an evaluation error the command reports as one, either way", () => {
    for (const fromSource of [false, true]) {
      const r = run(fromSource, "eval", join(dir, "throws.ts"));
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("error: thrown by the module\n");
    }
  });

  it("is the command's engine when the module is CommonJS (a package not of type module), either way", () => {
    // A .ts file there is compiled to CommonJS and requires "nixmod".
    mkdirSync(join(dir, "cjs"), { recursive: true });
    writeFileSync(join(dir, "cjs", "package.json"), '{ "type": "commonjs" }\n');
    writeFileSync(
      join(dir, "cjs", "host.ts"),
      webModule(
        `import { EvalError, mkForce } from "nixmod";
import { defaultModules } from "nixmod/modules";`,
        `image: mkForce(\`nginx:\${defaultModules.length > 0 ? 1 : 0}\`),
      get user(): string {
        throw new EvalError("thrown by a CommonJS module");
      },`,
      ),
    );
    for (const fromSource of [false, true]) {
      const image = run(
        fromSource,
        "eval",
        "--attr",
        "virtualisation.oci-containers.containers.web.image",
        join(dir, "cjs", "host.ts"),
      );
      expect(image.stderr).toBe("");
      expect(image.stdout).toBe('"nginx:1"\n');
      const r = run(fromSource, "eval", join(dir, "cjs", "host.ts"));
      expect(r.stderr).toBe("error: thrown by a CommonJS module\n");
      expect(r.status).toBe(1);
    }
  });

  it("gives a module's import or require of nixmod/diff the command's own, either way", () => {
    mkdirSync(join(dir, "cjs"), { recursive: true });
    writeFileSync(join(dir, "cjs", "package.json"), '{ "type": "commonjs" }\n');
    const host = `import { ACTIONS } from "nixmod/diff";
export default { virtualisation: { "oci-containers": { containers: { web: { image: ACTIONS.join(",") } } } } };
`;
    writeFileSync(join(dir, "cjs", "diff-host.ts"), host);
    writeFileSync(join(dir, "diff-host.ts"), host);
    for (const fromSource of [false, true]) {
      for (const file of [join(dir, "cjs", "diff-host.ts"), join(dir, "diff-host.ts")]) {
        const r = run(
          fromSource,
          "eval",
          "--attr",
          "virtualisation.oci-containers.containers.web.image",
          file,
        );
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe('"stop,start,restart,reload,skip"\n');
      }
    }
  });

  it("takes a CommonJS module compiled from ES module syntax as its default export, either way", () => {
    // (Node imports such a module as its whole exports object; the loader unwraps it.)
    writeFileSync(
      join(dir, "compiled.cjs"),
      'Object.defineProperty(exports, "__esModule", { value: true });\nexports.default = { virtualisation: { "oci-containers": { containers: { app: { image: "from-cjs" } } } } };\n',
    );
    writeFileSync(
      join(dir, "plain.cjs"),
      'module.exports = { virtualisation: { "oci-containers": { containers: { app: { image: "plain" } } } } };\n',
    );
    for (const fromSource of [false, true]) {
      for (const [file, name] of [
        ["compiled.cjs", "from-cjs"],
        ["plain.cjs", "plain"],
      ]) {
        const r = run(
          fromSource,
          "eval",
          "--attr",
          "virtualisation.oci-containers.containers.app.image",
          join(dir, file!),
        );
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe(`"${name}"\n`);
      }
    }
  });

  it("evaluates the example host to the same services either way", () => {
    const bundled = run(false, "eval", "examples/host.ts");
    const source = run(true, "eval", "examples/host.ts");
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    expect(JSON.parse(bundled.stdout)).toHaveProperty("podman-app");
  });
});

describe("a fresh clone, after `npm ci`", () => {
  it("installs without building (no install script) and packs with its build (prepack)", () => {
    const { scripts } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const s of ["preinstall", "install", "postinstall", "prepare"]) expect(scripts[s]).toBeUndefined();
    expect(scripts.prepack).toBe("npm run build");
  });

  it("runs the README's first command from the sources, with no bundle built", () => {
    const clone = mkdtempSync(join(tmpdir(), "nixmod-clone-"));
    try {
      for (const f of ["package.json", "tsconfig.json", "src", "bin", "examples"]) {
        cpSync(join(root, f), join(clone, f), { recursive: true });
      }
      symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
      expect(existsSync(join(clone, "dist"))).toBe(false);
      const r = spawnSync(process.execPath, [join(clone, "bin", "nixmod.js"), "eval", "examples/host.ts"], {
        cwd: clone,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const bundled = spawnSync(process.execPath, [bin, "eval", "examples/host.ts"], {
        cwd: root,
        encoding: "utf8",
      });
      expect(r.stdout).toBe(bundled.stdout);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
