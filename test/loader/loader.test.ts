// Loading module files: JSON/YAML bodies decoded with the io-ts codecs, imports, errors
// naming the file and the place in it, and TypeScript modules by dynamic import.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  LoadError,
  decodeModule,
  loadModuleFile,
  loadModuleFiles,
  parseJson,
  parseYamlText,
  setCodeModuleSetup,
} from "../../src/loader/loader.js";
import { isDerivation } from "../../src/loader/module-codec.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { types } from "../../src/types/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures");
/** Fixture paths as a user in the project root would type them. */
const rel = (p: string): string => relative(process.cwd(), join(fixtures, p));
/** hosts/web.json imports ../common/base.yaml: the fixtures are its import root. */
const fixturesRoot = { importRoots: [fixtures] };

let tmp: string;
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-loader-"));
});
afterAll(() => {
  // temp files are left to the OS; nothing to clean that could matter
});

const get = (o: any, ...path: string[]): any => path.reduce((v, k) => v[k], o);

/** The message of a rejected load. */
async function loadError(p: string): Promise<LoadError> {
  try {
    await loadModuleFile(p);
  } catch (e) {
    expect(e).toBeInstanceOf(LoadError);
    return e as LoadError;
  }
  throw new Error(`loading ${p} succeeded`);
}

describe("JSON modules", () => {
  it("loads the full form with _file as given and key absolute", async () => {
    const m: any = await loadModuleFile(rel("hosts/web.json"), fixturesRoot);
    expect(m._file).toBe(rel("hosts/web.json"));
    expect(m.key).toBe(resolve(fixtures, "hosts/web.json"));
    const web = get(m.config, "virtualisation", "oci-containers", "containers", "web");
    expect(web.image).toBe("nginx");
    expect(web.ports).toEqual({ _type: "order", priority: 500, content: ["8080:80"] });
  });

  it("decodes packages to derivations whose string is the outPath", async () => {
    const m: any = await loadModuleFile(rel("hosts/web.json"), fixturesRoot);
    const drv = get(m.config, "virtualisation", "oci-containers", "containers", "web", "imageFile");
    expect(isDerivation(drv)).toBe(true);
    expect(drv.name).toBe("web-image");
    expect(`${drv}`).toBe("/nix/store/aaaa-web-image");
    expect(Object.keys(drv)).toEqual(["type", "name", "outPath"]);
  });

  it("loads imports relative to the importing file, recursively", async () => {
    const m: any = await loadModuleFile(rel("hosts/web.json"), fixturesRoot);
    expect(m.imports).toHaveLength(1);
    const base = m.imports[0];
    expect(base._file).toBe(rel("common/base.yaml"));
    expect(base.key).toBe(resolve(fixtures, "common/base.yaml"));
    const backend = base.imports[0];
    expect(backend._file).toBe(rel("common/backend.json"));
    expect(get(backend.config, "networking", "hostName")).toEqual({
      _type: "if",
      condition: true,
      content: "box",
    });
  });

  it("shares a file imported twice (one module, one key)", async () => {
    const a = write("diamond/a.json", `{"imports": ["./b.json", "./c.json"]}`);
    write("diamond/b.json", `{"imports": ["./d.json"]}`);
    write("diamond/c.json", `{"imports": ["d.json"]}`);
    write("diamond/d.json", `{"x": 1}`);
    const m: any = await loadModuleFile(a);
    expect(m.imports[0].imports[0]).toBe(m.imports[1].imports[0]);
    expect(m.imports[0].imports[0].key).toBe(join(tmp, "diamond/d.json"));
  });

  it("reports an import cycle instead of looping", async () => {
    const a = write("cycle/a.json", `{"imports": ["./b.json"]}`);
    write("cycle/b.json", `{"imports": ["./a.json"]}`);
    const e = await loadError(a);
    expect(e.message).toMatch(/import cycle: .*a\.json -> .*b\.json -> .*a\.json/);
  });

  it("names a missing imported file", async () => {
    const a = write("missing/a.json", `{"imports": ["./nope.json"]}`);
    const e = await loadError(a);
    expect(e.message).toBe(`${join(tmp, "missing/nope.json")}: cannot read module file: no such file`);
  });

  it("accepts inline modules in imports", async () => {
    const a = write("inline.json", `{"imports": [{"config": {"a": 1}}, {"b": 2}]}`);
    const m: any = await loadModuleFile(a);
    expect(m.imports[0].config.a).toBe(1);
    expect(m.imports[1].config.b).toBe(2);
    expect(m.imports[0]._file).toBe(a);
    expect(m.imports[0].key).toBeUndefined();
  });
});

describe("shorthand and module shape", () => {
  it("treats an object without config as all config", () => {
    const r = decodeModule({ imports: [], a: { b: 1 }, meta: { x: 1 } }, "m.json");
    expect(E.isRight(r)).toBe(true);
    const m: any = E.getOrElseW(() => undefined)(r);
    expect(m.config.a.b).toBe(1);
    expect(m.config.meta.x).toBe(1); // as in Nix: meta is config in the shorthand form
    expect(m.config.imports).toBeUndefined();
    expect(m._file).toBe("m.json");
    expect(m.key).toBeUndefined();
  });

  it("loads YAML shorthand with properties", async () => {
    const m: any = await loadModuleFile(rel("common/base.yaml"));
    expect(get(m.config, "virtualisation", "oci-containers", "backend")).toEqual({
      _type: "override",
      priority: 1000,
      content: "docker",
    });
  });

  it("rejects unsupported attributes next to config, like Nix", () => {
    const r = decodeModule({ config: {}, foo: 1 }, "m.json");
    expect(E.isLeft(r) && r.left.message).toContain(
      "m.json: Module `m.json' has an unsupported attribute `foo'. This is caused by introducing a top-level `config' or `options' attribute.",
    );
  });

  it("rejects option declarations in data modules", () => {
    const r = decodeModule({ options: { a: {} } }, "m.json");
    expect(E.isLeft(r) && r.left.message).toMatch(
      /^m\.json: at options: a JSON\/YAML module cannot declare "options"/,
    );
  });

  it("rejects a module that is not an object", () => {
    const r = decodeModule([1, 2], "m.json");
    expect(E.isLeft(r) && r.left.message).toBe("m.json: a module must be an object, got a list");
  });

  it("loads a top-level mkIf as the module's config", () => {
    const r = decodeModule({ _type: "if", condition: false, content: { a: 1 } }, "m.json");
    const m: any = E.getOrElseW(() => undefined)(r);
    expect(m.config).toEqual({ _type: "if", condition: false, content: { a: 1 } });
  });

  it("builds all property shapes", () => {
    const r = decodeModule(
      {
        a: { _type: "merge", contents: [{ _type: "override", priority: 50, content: 1 }, 2] },
        b: { _type: "order", priority: 1500, content: [3] },
      },
      "m.json",
    );
    const m: any = E.getOrElseW(() => undefined)(r);
    expect(m.config.a).toEqual({
      _type: "merge",
      contents: [{ _type: "override", priority: 50, content: 1 }, 2],
    });
    expect(m.config.b).toEqual({ _type: "order", priority: 1500, content: [3] });
  });
});

describe("decoding errors name the file and the JSON path", () => {
  it("mkIf without a boolean condition", async () => {
    const p = write(
      "hosts/web.json",
      JSON.stringify({
        config: {
          virtualisation: {
            "oci-containers": { containers: { web: { _type: "if", condition: "yes", content: {} } } },
          },
        },
      }),
    );
    const e = await loadError(p);
    expect(e.message).toBe(
      `${p}: at config.virtualisation.oci-containers.containers.web: "_type": "if" needs a boolean "condition", got a string`,
    );
    expect(e.path).toEqual(["config", "virtualisation", "oci-containers", "containers", "web"]);
  });

  it("paths through lists and quoted names (shorthand has no config prefix)", () => {
    const r = decodeModule({ a: { "x.y": [1, { _type: "override", content: 1 }] } }, "w.json");
    expect(E.isLeft(r) && r.left.message).toBe(
      `w.json: at a."x.y"[1]: "_type": "override" needs an integer "priority"`,
    );
  });

  it("missing content, bad contents, unknown _type, extra attributes", () => {
    const msg = (v: unknown): string | false => {
      const r = decodeModule({ config: { v } }, "f.json");
      return E.isLeft(r) && r.left.message;
    };
    expect(msg({ _type: "order", priority: 500 })).toBe(
      `f.json: at config.v: "_type": "order" needs a "content"`,
    );
    expect(msg({ _type: "merge", contents: {} })).toBe(
      `f.json: at config.v: "_type": "merge" needs a list "contents", got an object`,
    );
    expect(msg({ _type: "mkIf", content: 1 })).toMatch(/^f\.json: at config\.v: unknown "_type": "mkIf"/);
    expect(msg({ _type: "if", condition: true, content: 1, else: 2 })).toMatch(
      /^f\.json: at config\.v: "_type": "if" has an unexpected attribute "else"/,
    );
    expect(msg({ type: "derivation", name: "x" })).toMatch(
      /^f\.json: at config\.v: "type": "derivation" needs a string "outPath"/,
    );
    expect(msg({ deep: [{ _type: "merge", contents: [{ _type: "if", content: 1 }] }] })).toMatch(
      /^f\.json: at config\.v\.deep\[0\]\.contents\[0\]: "_type": "if" needs a boolean "condition"/,
    );
  });

  it("imports must be paths", () => {
    const r = decodeModule({ imports: ["a.json", 3] }, "f.json");
    expect(E.isLeft(r) && r.left.message).toMatch(/^f\.json: at imports\[1\]: an import must be a file path/);
  });
});

describe("parse errors name the file, line and column", () => {
  it("bad JSON", async () => {
    const p = write("bad.json", `{\n  "a": 1,\n}\n`);
    const e = await loadError(p);
    expect(e.line).toBe(3);
    expect(e.column).toBe(1);
    expect(e.message.split("\n")[0]).toBe(`${p}:3:1: invalid JSON: Expected double-quoted property name`);
  });

  it("truncated JSON points at the end", () => {
    const r = parseJson(`{\n  "a": `, "t.json");
    expect(E.isLeft(r) && r.left.message.split("\n")[0]).toBe(
      "t.json:2:8: invalid JSON: unexpected end of input",
    );
  });

  it("bad YAML", async () => {
    const p = write("bad.yaml", `a:\n  b: [1, 2\nc: 3\n`);
    const e = await loadError(p);
    expect(e.message).toMatch(
      new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: invalid YAML: `),
    );
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  it("several YAML documents in one file", () => {
    const r = parseYamlText("a: 1\n---\nb: 2\n", "m.yaml");
    expect(E.isLeft(r) && r.left.message.split("\n")[0]).toBe(
      "m.yaml:2:1: invalid YAML: a module file holds one document, and this one has several",
    );
  });

  it("YAML values that are not Nix values", async () => {
    const p = write("inf.yaml", `a: .inf\n`);
    expect((await loadError(p)).message).toBe(`${p}: at a: numbers must be finite, got Infinity`);
  });

  it("recursive YAML aliases", async () => {
    const p = write("rec.yaml", `a: &x\n  b: *x\n`);
    expect((await loadError(p)).message).toBe(
      `${p}: at a.b: a value that contains itself (a recursive YAML alias) is not a Nix value`,
    );
  });

  it("unsupported files", async () => {
    expect((await loadError(write("m.nix", "{ }"))).message).toMatch(/Nix files cannot be loaded/);
    expect((await loadError(write("m.toml", ""))).message).toMatch(/unsupported module file type ".toml"/);
  });
});

describe("YAML merge keys", () => {
  it("`<<: *anchor` merges the anchored mapping, the keys beside it winning", () => {
    const text = "a: &base\n  image: nginx:1.25\n  env: { TZ: UTC }\nb:\n  <<: *base\n  image: nginx:1.26\n";
    expect(parseYamlText(text, "m.yaml")).toEqual(
      E.right({
        a: { image: "nginx:1.25", env: { TZ: "UTC" } },
        b: { image: "nginx:1.26", env: { TZ: "UTC" } },
      }),
    );
  });
});

describe("numbers a JavaScript number cannot hold as Nix reads them are refused where they are written", () => {
  const refusal = (r: E.Either<LoadError, unknown>): string => (E.isLeft(r) ? r.left.message : "accepted");

  it("a float with a whole value (Nix keeps it a float; JavaScript has only the int)", () => {
    expect(refusal(parseJson('{\n  "s": "a \\"1.0\\" in a string",\n  "f": -1.0\n}', "f.json"))).toBe(
      'f.json:3:8: the number -1.0 is a float in Nix, which a JavaScript number cannot tell from the int -1: write -1 for the int, or a number with a fractional part\n\n 3 |   "f": -1.0\n   |        ^',
    );
    expect(refusal(parseJson('{"f": [1.5, 2E2]}', "e.json"))).toMatch(
      /^e\.json:1:13: the number 2E2 is a float in Nix/,
    );
    expect(refusal(parseYamlText("a: 1\nf: 2.0\n", "f.yaml"))).toMatch(
      /^f\.yaml:2:4: the number 2\.0 is a float in Nix/,
    );
    expect(refusal(parseYamlText("f: 1e3\n", "e.yaml"))).toMatch(/^e\.yaml:1:4: the number 1e3 is a float/);
  });

  it("an int beyond 2^53 (Nix's ints have 64 bits)", () => {
    expect(refusal(parseJson('{"id": 9007199254740993}', "b.json"))).toMatch(
      /^b\.json:1:8: the number 9007199254740993 is an int beyond what a JavaScript number holds exactly/,
    );
    expect(refusal(parseYamlText("id: -9007199254740993\n", "b.yaml"))).toMatch(
      /^b\.yaml:1:5: the number -9007199254740993/,
    );
  });

  it("ints, fractions, hexadecimal YAML and numbers in strings are read as usual", () => {
    const ok = parseJson('{"a": 9007199254740991, "b": -0.25, "c": "1.0", "d": 0, "e": 1.5e-3}', "ok.json");
    expect(ok).toEqual(E.right({ a: 9007199254740991, b: -0.25, c: "1.0", d: 0, e: 0.0015 }));
    expect(parseYamlText("h: 0x10\nf: 2.5\ns: '3.0'\n", "ok.yaml")).toEqual(
      E.right({ h: 16, f: 2.5, s: "3.0" }),
    );
  });
});

describe("attribute names are data", () => {
  it("keeps __proto__ and constructor as own attributes and leaves Object.prototype alone", async () => {
    const p = write(
      "proto.json",
      `{"config": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "a": {"__proto__": [1]}}}`,
    );
    const m: any = await loadModuleFile(p);
    expect(Object.keys(m.config)).toEqual(["__proto__", "constructor", "a"]);
    expect(Object.getOwnPropertyDescriptor(m.config, "__proto__")?.value).toEqual({ polluted: true });
    expect(Object.getOwnPropertyDescriptor(m.config.a, "__proto__")?.value).toEqual([1]);
    expect(Object.getPrototypeOf(m.config)).toBeNull();
    expect(({} as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();
  });

  it("in YAML too", async () => {
    const p = write("proto.yaml", `__proto__:\n  polluted: true\n`);
    const m: any = await loadModuleFile(p);
    expect(Object.keys(m.config)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(m.config, "__proto__")?.value.polluted).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe("TypeScript modules", () => {
  it("loads an object module, defaults _file and key, loads its string imports", async () => {
    const m: any = await loadModuleFile(rel("object-module.ts"));
    expect(m._file).toBe(rel("object-module.ts"));
    expect(m.key).toBe(resolve(fixtures, "object-module.ts"));
    expect(m.config.virtualisation["oci-containers"].backend).toEqual({
      _type: "override",
      priority: 50,
      content: "podman",
    });
    expect(m.imports[0]._file).toBe(rel("common/backend.json"));
  });

  it("a function module stays a function; its result gets the file", async () => {
    const m: any = await loadModuleFile(rel("function-module.ts"));
    expect(typeof m).toBe("function");
    const r = m({ config: { system: { stateVersion: "23.11" } } });
    expect(r._file).toBe(rel("function-module.ts"));
    expect(r.key).toBe(resolve(fixtures, "function-module.ts"));
    expect(r.config.networking.hostName).toBe("fn-23.11");
  });

  it("string imports in a function module's result are relative to its file", async () => {
    const m: any = await loadModuleFile(rel("function-imports.ts"));
    expect(m({}).imports).toEqual([rel("common/backend.json")]);
  });

  it("the engine resolves string imports met during evaluation through the loader", async () => {
    const fn = await loadModuleFile(rel("function-imports.ts"));
    const decl = {
      options: { networking: { hostName: mkOption({ type: types.str }) } },
    };
    const { config } = evalModules({ modules: [decl, fn] });
    expect(config.networking.hostName).toBe("box");
    // a TypeScript file must have been loaded before
    const late = () => ({ imports: [join(tmp, "late.ts")] });
    write("late.ts", "export default {};\n");
    expect(() => evalModules({ modules: [decl, late] }).config.networking.hostName).toThrow(
      /must be loaded first/,
    );
  });

  it("a default export that is a Promise is awaited; a rejected one is a load error naming the file", async () => {
    const ok = write("promised.ts", "export default Promise.resolve({ config: { a: 1 } });\n");
    const m: any = await loadModuleFile(ok);
    expect(m.config).toEqual({ a: 1 });
    expect(m._file).toBe(ok);
    const bad = write("rejected.ts", 'export default Promise.reject(new Error("no registry"));\n');
    expect((await loadError(bad)).message).toBe(`${bad}: its default export, a Promise, failed: no registry`);
  });

  it("a default export or a function result that is no module is named with its file", async () => {
    const message = async (p: string, run = false): Promise<string> => {
      try {
        const m: any = await loadModuleFile(p);
        if (run) m({});
      } catch (e) {
        return (e as Error).message;
      }
      return "accepted";
    };
    const five = write("five.ts", "export default 5;\n");
    expect(await message(five)).toBe(
      `module ${five} (${five}) does not look like a module.\nIt is an integer; a module is an attribute set, a function returning one, or the path of a module file.`,
    );
    const map = write("map.ts", "export default new Map();\n");
    expect(await message(map)).toMatch(/does not look like a module\.\nIt is a JavaScript Map;/);
    const fn = write("map-fn.ts", "export default () => new Map();\n");
    expect(await message(fn, true)).toBe(
      `module ${fn} (${fn}) does not look like a module.\nThe module function returned a JavaScript Map instead of an attribute set.`,
    );
  });

  it("a program run by plain Node (no TypeScript loader) loads a TypeScript module file", () => {
    // The package's bundle (made from these sources before the tests), imported by a script
    // Node runs without tsx: loadModuleFile registers tsx's loaders itself when Node refuses
    // the file, as under a test runner that runs installed packages' code as Node does.
    const bundle = pathToFileURL(join(here, "../../dist/bundle/index.js")).href;
    write(
      "plain/host.ts",
      "interface Service {\n  port: number;\n}\nconst web: Service = { port: 8080 };\nexport default { config: { a: web.port } };\n",
    );
    const script = write(
      "plain/run.mjs",
      `import { loadModuleFile } from ${JSON.stringify(bundle)};\nconst m = await loadModuleFile(${JSON.stringify(join(tmp, "plain/host.ts"))});\nconsole.log(JSON.stringify(m.config));\n`,
    );
    const r = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ a: 8080 });
  });

  it("a file without a default export is an error", async () => {
    expect((await loadError(rel("no-default.ts"))).message).toBe(
      `${rel("no-default.ts")}: a module file must have a default export (the module)`,
    );
  });

  it("loads several files sharing imports", async () => {
    const [a, b]: any[] = await loadModuleFiles([rel("hosts/web.json"), rel("object-module.ts")]);
    expect(a.imports[0].imports[0]).toBe(b.imports[0]);
  });
});

describe("the setup before code modules (the nixmod command registers tsx there)", () => {
  it("runs once, before the first TypeScript/JavaScript module, and not for data modules", async () => {
    const order: string[] = [];
    setCodeModuleSetup(async () => {
      order.push("setup");
    });
    try {
      write("setup/data.json", JSON.stringify({ networking: { hostName: "a" } }));
      write("setup/one.mjs", 'globalThis.__nixmodSetupOrder?.push("one.mjs");\nexport default {};\n');
      write("setup/two.mjs", 'globalThis.__nixmodSetupOrder?.push("two.mjs");\nexport default {};\n');
      (globalThis as { __nixmodSetupOrder?: string[] }).__nixmodSetupOrder = order;
      await loadModuleFile(join(tmp, "setup/data.json"));
      expect(order).toEqual([]);
      await loadModuleFiles([join(tmp, "setup/one.mjs"), join(tmp, "setup/two.mjs")]);
      expect(order).toEqual(["setup", "one.mjs", "two.mjs"]);
    } finally {
      setCodeModuleSetup(undefined);
      delete (globalThis as { __nixmodSetupOrder?: string[] }).__nixmodSetupOrder;
    }
  });
});
