// No crash on any input: malformed modules are evaluation errors worded like Nix's (never a
// JavaScript TypeError); infinite recursion names the chain of options; 20000-deep nesting,
// 100000-element lists and huge strings give a value or an error naming the option (never a
// RangeError, a stack overflow or a hang); the loader and the CLI report deep data files as
// errors naming the file and the place in it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containers, evalError, host, servicesJson } from "./helpers.js";
import { InfiniteRecursionError } from "../../src/lib/errors.js";
import { mkIf, mkMerge, mkOrder, mkOverride } from "../../src/lib/properties.js";
import { mkOption } from "../../src/lib/options.js";
import { types } from "../../src/types/index.js";
import { toJsonValue } from "../../src/tools/render-json.js";
import { coerceToString } from "../../src/lib/nix/strings.js";
import { describeType } from "../../src/lib/nix/attrsets.js";
import { parseJson, parseYamlText } from "../../src/loader/loader.js";
import * as E from "fp-ts/lib/Either.js";
import { setLibRevision } from "../../src/lib/lib-revision.js";

// Written for the seed: its modules and its lib (revision 2023-07).
setLibRevision("2023-07");

const c = (v: unknown) => containers("h.nix", v as Record<string, unknown>);

describe("malformed modules are evaluation errors, not TypeErrors", () => {
  const cases: [string, unknown[], RegExp][] = [
    ["a module that is a number", [5], /does not look like a module/],
    ["a module that is null", [null], /does not look like a module/],
    ["a function module returning undefined", [() => undefined], /does not look like a module/],
    ["config: 5", [{ config: 5 }], /You're trying to define a value of type `int'/],
    ["config: a function", [{ config: () => 1 }], /value of type `lambda'/],
    ["options: 5", [{ options: 5 }], /An option declaration for `' has type\n`int'/],
    [
      "imports: a number",
      [{ _file: "m.nix", imports: 5 }],
      /value is an integer while a list was expected, in the `imports' of module `m.nix'/,
    ],
    [
      "imports: a string",
      [{ _file: "m.nix", imports: "x" }],
      /value is a string while a list was expected, in the `imports' of module `m.nix'/,
    ],
    ["imports: [5]", [{ imports: [5] }], /does not look like a module/],
    [
      "disabledModules: 5",
      [{ _file: "m.nix", disabledModules: 5 }],
      /value is an integer while a list was expected, in the `disabledModules' of module `m.nix'/,
    ],
    [
      "require: {} (shorthand)",
      [{ _file: "m.nix", require: {} }],
      /value is a set while a list was expected, in the `require' of module `m.nix'/,
    ],
    [
      "mkIf with a string condition",
      [c(mkIf("yes" as never, { a: { image: "x" } }))],
      /mkIf’ called with a non-Boolean condition/,
    ],
    [
      "mkMerge of a number",
      [c(mkMerge(5 as never))],
      /value is an integer while a list was expected, in the contents of an mkMerge while evaluating the option `virtualisation\.oci-containers\.containers'/,
    ],
    [
      "mkMerge of a set at the top",
      [{ config: mkMerge({} as never) }],
      /value is a set while a list was expected, in the contents of an mkMerge/,
    ],
    [
      "mkOverride with a string priority",
      [c({ a: mkOverride("x" as never, { image: "y" }) })],
      /cannot compare a string with an integer, in the priority of an mkOverride/,
    ],
    [
      "mkOrder with a string priority, two definitions",
      [c({ a: { image: "x", cmd: mkOrder("x" as never, ["a"]) } }), c({ a: { cmd: ["b"] } })],
      /cannot compare a string with an integer, in the priority of an mkOrder/,
    ],
    [
      "an option whose type is a number",
      [{ _file: "o.nix", options: { foo: mkOption({ type: 5 as never }) }, config: { foo: 1 } }],
      /The option `foo' in `o.nix' is declared with a `type' that is not an option type \(it is an integer\)/,
    ],
    [
      "an option whose type is a set",
      [{ _file: "o.nix", options: { foo: mkOption({ type: {} as never }) }, config: { foo: 1 } }],
      /is declared with a `type' that is not an option type \(it is a set\)/,
    ],
    [
      "an option whose type is a string",
      [{ _file: "o.nix", options: { foo: mkOption({ type: "str" as never }) }, config: { foo: 1 } }],
      /is not an option type \(it is a string\)/,
    ],
    [
      "a submodule defined by a number",
      [c({ a: 5 })],
      /A definition for option `virtualisation\.oci-containers\.containers\.a' is not of type `submodule'/,
    ],
    ["a submodule defined by a list", [c({ a: [1] })], /containers\.a' is not of type `submodule'/],
    ["containers defined by null", [c(null)], /containers' is not of type `attribute set of \(submodule\)/],
    [
      "virtualisation = 5",
      [{ virtualisation: 5 }],
      /value of type `int'\nrather than an attribute set for the option\n`virtualisation'/,
    ],
    [
      "_module.freeformType = 5",
      [{ _module: { freeformType: 5 } }],
      /`_module\.freeformType' is not of type/,
    ],
    [
      "an undefined image (a TypeScript module)",
      [c({ a: { image: undefined } })],
      /containers\.a\.image' is not of type `string matching/,
    ],
    [
      "a NaN in the environment",
      [c({ a: { image: "x", environment: { A: NaN } } })],
      /containers\.a\.environment\.A' is not of type `string'/,
    ],
    // (Found by the fuzz test's random seeds: `toString` of a set was a TypeError.)
    [
      "a key that is a set without a prototype",
      [{ _file: "m.nix", key: Object.create(null), config: {} }],
      /^cannot coerce a set to a string/,
    ],
    [
      "a _file that is a function",
      [{ _file: () => "m.nix", config: {} }],
      /^cannot coerce a function to a string/,
    ],
  ];
  for (const [what, modules, message] of cases) {
    it(what, () => {
      const e = evalError(() => {
        const { config } = host(modules);
        if ("foo" in config) void config.foo;
        return servicesJson(modules);
      });
      expect(e.message).toMatch(message);
    });
  }
});

describe("infinite recursion names the chain of options", () => {
  it("an image that reads itself", () => {
    const m = ({ config }: { config: any }) =>
      c({
        a: {
          get image(): string {
            return config.virtualisation["oci-containers"].containers.a.image as string;
          },
        },
      });
    const e = evalError(() => servicesJson([m]));
    expect(e).toBeInstanceOf(InfiniteRecursionError);
    expect(e.message).toMatch(
      /^infinite recursion encountered\nThe value depends on itself: .*`virtualisation\.oci-containers\.containers\.a\.image'/,
    );
  });

  it("two options that read each other", () => {
    const m = ({ config }: { config: any }) => ({
      _file: "r.nix",
      options: { x: mkOption({ type: types.str }), y: mkOption({ type: types.str }) },
      config: {
        get x() {
          return config.y as string;
        },
        get y() {
          return config.x as string;
        },
      },
    });
    const e = evalError(() => host([m]).config.x);
    expect(e.message).toBe("infinite recursion encountered\nThe value depends on itself: `x' -> `y' -> `x'");
  });
});

const nest = (depth: number, leaf: unknown, wrap: (x: unknown) => unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
};
const NAMES_AN_OPTION = /`[^`']+'/;

describe("20000-deep nesting gives a value or an error naming the option", () => {
  const deep = (wrap: (x: unknown) => unknown) => nest(20000, "x", wrap);
  const cases: [string, () => unknown[]][] = [
    ["attribute sets in an undeclared option", () => [{ _file: "d.nix", foo: deep((x) => ({ a: x })) }]],
    [
      "attribute sets in the environment",
      () => [c({ a: { image: "x", environment: deep((x) => ({ a: x })) } })],
    ],
    ["lists in cmd", () => [c({ a: { image: "x", cmd: deep((x) => [x]) } })]],
    [
      "attribute sets in a service's serviceConfig",
      () => [{ systemd: { services: { s: { serviceConfig: deep((x) => ({ a: x })) } } } }],
    ],
    ["mkMerge", () => [c({ a: nest(20000, { image: "x" }, (x) => mkMerge([x])) })]],
    ["mkIf", () => [c({ a: nest(20000, { image: "x" }, (x) => mkIf(true, x)) })]],
    ["mkOverride", () => [c({ a: { image: nest(20000, "x", (x) => mkOverride(10, x)) } })]],
    ["imports", () => [nest(20000, { foo: 1 }, (x) => ({ imports: [x] }))]],
  ];
  for (const [what, modules] of cases) {
    it(what, () => {
      let e: unknown;
      try {
        toJsonValue(host(modules()).config.systemd.services, {
          omit: () => ["startLimitBurst", "startLimitIntervalSec"],
        });
      } catch (x) {
        e = x;
      }
      if (e === undefined) return; // a value
      expect(e).not.toBeInstanceOf(RangeError);
      expect(e).not.toBeInstanceOf(TypeError);
      expect((e as Error).name).toMatch(/EvalError|InfiniteRecursionError|StackOverflowError/);
      expect((e as Error).message).toMatch(NAMES_AN_OPTION);
    });
  }

  it("a 20000-deep value that is valid is printed, or refused naming where it got too deep", () => {
    let e: unknown;
    try {
      const m = {
        options: { deep: mkOption({ type: types.anything }) },
        config: { deep: nest(20000, 1, (x) => ({ a: x })) },
      };
      toJsonValue(host([m]).config.deep);
    } catch (x) {
      e = x;
    }
    if (e !== undefined)
      expect((e as Error).message).toMatch(/^stack overflow while converting the attribute `.*' to JSON/);
  });
});

describe("a JavaScript object that contains itself is an error naming both places, not a hang", () => {
  const cyclic = (): Record<string, unknown> => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    return o;
  };
  const m = (v: unknown) => ({ options: { v: mkOption({ type: types.unspecified }) }, config: { v } });

  it("an attribute set that is its own attribute", () => {
    expect(() => toJsonValue(host([m({ x: cyclic() })]).config.v)).toThrow(
      "cannot convert a value that contains itself to JSON: `x.self' is `x' again (a JavaScript object that refers to itself)",
    );
  });

  it("a list that is its own element, and a cycle through a thousand sets", () => {
    const l: unknown[] = [1];
    l.push(l);
    expect(() => toJsonValue(l)).toThrow(
      /^cannot convert a value that contains itself to JSON: `1' is the whole value again/,
    );
    const first: Record<string, unknown> = {};
    let last = first;
    for (let i = 0; i < 1500; i++) last = (last.next = {}) as Record<string, unknown>;
    last.next = first;
    expect(() => toJsonValue({ start: first })).toThrow(
      /^cannot convert a value that contains itself to JSON: `start(\.next){1501}' is `start' again/,
    );
  });

  it("the same set in two places is no cycle, nor a value converted inside another's getter", () => {
    const shared = { k: [1, 2] };
    expect(toJsonValue({ a: shared, b: [shared, shared] })).toEqual({ a: shared, b: [shared, shared] });
    const outer: Record<string, unknown> = { inner: { n: 1 } };
    Object.defineProperty(outer, "printed", {
      enumerable: true,
      get: () => JSON.stringify(toJsonValue(outer.inner)),
    });
    expect(toJsonValue(outer)).toEqual({ inner: { n: 1 }, printed: '{"n":1}' });
  });
});

describe("a Map, a Set, a Date... is no attribute set (an empty one, silently)", () => {
  const service = (def: Record<string, unknown>) => ({ systemd: { services: { x: def } } });

  it("an attrsOf option given a Map is a type error that names it", () => {
    const e = evalError(() => servicesJson([service({ environment: new Map([["A", "1"]]) })]));
    expect(e.message).toBe(
      "A definition for option `systemd.services.x.environment' is not of type `attribute set of (null or string or path or package)'. Definition values:\n- In `test/security/helpers.ts': <JavaScript Map>",
    );
  });

  it("a Set as a module, a Date printed as JSON", () => {
    expect(evalError(() => host([new Set()]).config.systemd).message).toMatch(
      /does not look like a module\.\nIt is a JavaScript Set; a module is an attribute set/,
    );
    const m = { options: { v: mkOption({ type: types.unspecified }) }, config: { v: { when: new Date(0) } } };
    expect(evalError(() => toJsonValue(host([m]).config.v)).message).toBe(
      "cannot convert a JavaScript Date to JSON (it is no Nix value)",
    );
  });

  it("an instance of a class, and a proxy, are attribute sets", () => {
    class Web {
      image = "nginx:1.25";
    }
    const viaProxy = new Proxy({ image: "redis:7" }, {});
    const { config } = host([c({ web: new Web(), cache: viaProxy })]);
    const images = config.virtualisation["oci-containers"].containers;
    expect([images.web.image, images.cache.image]).toEqual(["nginx:1.25", "redis:7"]);
  });
});

describe("big inputs", () => {
  it("100000-element lists", () => {
    const n = 100000;
    const { config } = host([
      c({
        a: {
          image: "x",
          cmd: Array.from({ length: n }, (_, i) => `a${i}`),
          ports: Array.from({ length: n }, (_, i) => `${i}`),
        },
      }),
    ]);
    const script = config.systemd.services["docker-a"].script as string;
    expect(script.split("\n").length).toBe(4 + 2 * n + 1);
  });

  it("100000 environment variables", () => {
    const env = Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`V${i}`, `${i}`]));
    const { config } = host([c({ a: { image: "x", environment: env } })]);
    expect(config.systemd.services["docker-a"].script).toContain(" -e 'V99999'='99999'");
  });

  it("10 MB strings (image and an environment value)", () => {
    const big = "y".repeat(10_000_000);
    const { config } = host([c({ a: { image: big, environment: { A: big } } })]);
    expect((config.systemd.services["docker-a"].script as string).length).toBeGreaterThan(20_000_000);
  });

  it("a 10 MB string with a shell metacharacter at its end is refused", () => {
    const e = evalError(() => servicesJson([c({ a: { image: "y".repeat(10_000_000) + ";" } })]));
    expect(e.message).toContain("virtualisation.oci-containers.containers.a.image' is not of type");
  });
});

// ---------------------------------------------------------------------------------------------

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-crash-"));
  const deepJson = (n: number) => "[".repeat(n) + "1" + "]".repeat(n);
  const deepObj = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
  writeFileSync(join(tmp, "deep-list.json"), `{"foo": ${deepJson(20000)}}`);
  writeFileSync(
    join(tmp, "deep-attrs.json"),
    `{"systemd": {"services": {"s": {"serviceConfig": ${deepObj(20000)}}}}}`,
  );
  writeFileSync(join(tmp, "deep.yaml"), `foo: ${deepJson(20000)}\n`);
  writeFileSync(join(tmp, "ok-900.json"), `{"foo": ${deepObj(900)}}`);
  writeFileSync(join(tmp, "not-a-module.json"), "5");
  writeFileSync(join(tmp, "merge.json"), '{"config": {"_type": "merge", "contents": 5}}');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const nixmod = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("the CLI on hostile files", () => {
  it("a module whose value contains itself is an error at once, not a hang", () => {
    writeFileSync(
      join(tmp, "cyclic.ts"),
      "const o: any = { a: 1 };\no.self = o;\nexport default { config: { systemd: { services: { x: { restartTriggers: [o] } } } } };\n",
    );
    const r = nixmod("eval", "cyclic.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "error: cannot convert a value that contains itself to JSON: `x.restartTriggers.0.self' is `x.restartTriggers.0' again (a JavaScript object that refers to itself)\n",
    );
  });

  it("20000-deep JSON and YAML are load errors naming the file and the place, not internal errors", () => {
    for (const [f, where] of [
      ["deep-list.json", "at foo[0][0]"],
      ["deep-attrs.json", "at systemd.services.s.serviceConfig.a.a"],
    ] as const) {
      const r = nixmod("eval", f);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error: ${f}: ${where}`);
      expect(r.stderr).toContain("the value is nested more than 1000 levels deep");
      expect(r.stderr).not.toMatch(/internal error|RangeError|Maximum call stack/);
    }
    const y = nixmod("eval", "deep.yaml");
    expect(y.status).toBe(1);
    expect(y.stderr).toMatch(
      /^error: deep\.yaml(:\d+:\d+)?: (invalid YAML: the document is nested too deeply|at foo)/,
    );
    expect(y.stderr).not.toMatch(/internal error|Maximum call stack/);
  });

  it("a 900-deep undeclared value is the usual error", () => {
    const r = nixmod("eval", "ok-900.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: The option `foo' does not exist.");
  });

  it("malformed modules are errors, not internal errors", () => {
    const a = nixmod("eval", "not-a-module.json");
    expect(a.status).toBe(1);
    expect(a.stderr).toContain("a module must be an object");
    const b = nixmod("eval", "merge.json");
    expect(b.status).toBe(1);
    expect(b.stderr).not.toMatch(/internal error/);
  });
});

describe("odd input is an `error:` message, not a JavaScript exception", () => {
  /** What the command says for a module file `name` with `text` (eval --attr `attr`). */
  const said = (name: string, text: string, attr = "systemd.services") => {
    writeFileSync(join(tmp, name), text);
    const r = nixmod("eval", "--attr", attr, name);
    expect(r.stderr).not.toMatch(
      /internal error|JavaScript exception|YAMLWarning|should never happen| {4}at /,
    );
    expect(r.status).toBe(1);
    return r.stderr;
  };

  it("a YAML unknown tag, and %YAML 1.3, are load errors naming the file, line and column", () => {
    expect(said("tag.yaml", "a: !foo bar\n")).toMatch(
      /^error: tag\.yaml:1:4: invalid YAML: Unresolved tag: !foo/,
    );
    expect(said("v13.yaml", "%YAML 1.3\n---\na: 1\n")).toMatch(
      /^error: v13\.yaml:1:7: invalid YAML: Unsupported YAML version 1\.3/,
    );
  });

  it("an option type object that is not one (no check or merge function) is named as such", () => {
    for (const type of [
      '{ _type: "option-type", name: "fake" }',
      '{ _type: "option-type", name: "f", check: () => true, merge: 5 }',
    ]) {
      const text = `import { mkOption } from "nixmod";\nexport default { options: { x: mkOption({ type: ${type} as any }) }, config: { x: 1 } };\n`;
      expect(said("fake-type.ts", text, "x")).toMatch(
        /^error: The option `x' in `fake-type\.ts' is declared with a `type' that is not an option type \(it is a set whose `(check|merge)' is not a function/m,
      );
    }
  });

  it("types.attrsOf(null) and the other type constructors given no type say so", () => {
    const text =
      'import { types, mkOption } from "nixmod";\nexport default { options: { y: mkOption({ type: types.attrsOf(null as any) }) } };\n';
    expect(said("attrs-null.ts", text)).toMatch(/value is null while a set was expected\n.*types\.attrsOf/);
    for (const make of [
      () => types.listOf(null as never),
      () => types.nullOr(5 as never),
      () => types.either(types.str, undefined as never),
      () => types.attrsOf({} as never),
    ]) {
      expect(make).toThrow(/while a set was expected|is not an option type/);
    }
  });

  it("a Symbol is no Nix value: as an option's value, in a string, as a module", () => {
    expect(
      said(
        "sym.ts",
        'export default { systemd: { services: { a: { description: Symbol("x") as any } } } };\n',
      ),
    ).toMatch(/is not of type `.*'\. Definition values:\n\s+- In `sym\.ts': <JavaScript symbol Symbol\(x\)>/);
    expect(said("sym-module.ts", 'export default { imports: [Symbol("m") as any] };\n')).toMatch(
      /does not look like a module\.\n\s+It is a JavaScript symbol/,
    );
    expect(said("sym-top.ts", 'export default Symbol("top");\n')).toMatch(/It is a JavaScript symbol/);
    expect(() => coerceToString(Symbol("s"))).toThrow("cannot coerce a JavaScript symbol to a string");
    expect(describeType(Symbol("s"))).toBe("a JavaScript symbol");
  });
});

describe("integers beyond 64 bits are no Nix integers", () => {
  const decl = (type: unknown) => ({ options: { n: mkOption({ type: type as never }) } });
  const value = (type: unknown, n: unknown) => host([decl(type), { _file: "n.ts", n }]).config.n as unknown;

  it("StartLimitBurst=1.18e+21 is refused as the type check, naming the option", () => {
    const e = evalError(() =>
      servicesJson([{ _file: "big.ts", systemd: { services: { a: { script: "x", startLimitBurst: 1.18e21 } } } }]),
    );
    expect(e.message).toContain(
      "A definition for option `systemd.services.a.startLimitBurst' is not of type `signed integer'.",
    );
  });

  it("types.int takes -2^63 to 2^63-1 and nothing beyond; ints.* and number likewise", () => {
    expect(value(types.int, -(2 ** 63))).toBe(-(2 ** 63));
    expect(value(types.int, 2 ** 62)).toBe(2 ** 62);
    for (const n of [2 ** 63, -(2 ** 64), 1e21, Number.MAX_VALUE]) {
      expect(evalError(() => value(types.int, n)).message).toContain("is not of type `signed integer'");
      expect(evalError(() => value(types.ints.unsigned, n)).message).toContain("is not of type");
      expect(evalError(() => value(types.number, n)).message).toContain("is not of type");
    }
  });
});

describe("deep YAML is refused where it gets too deep, before anything walks it; duplicate JSON keys are refused", () => {
  it("24000-deep YAML (the command's stack parses it): refused at the node 1000 levels down, with its line and column", () => {
    // (Before: the number check walked the document with a copied path per level, quadratic:
    // 12 s and 4 GB at 32000 levels, 82 s and 14.6 GB at 60000; see bench/notes.md.)
    writeFileSync(join(tmp, "deep24k.yaml"), `a:\n  ${"- ".repeat(24000)}x\n`);
    const r = nixmod("eval", "deep24k.yaml");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^error: deep24k\.yaml:2:2001: at a(\[0\]){11}\.\.\. \(988 more levels\): the value is nested more than 1000 levels deep/,
    );
  });

  it("the YAML check is the codec's: 999 lists below the top load, 1000 do not (through the command, whose stack parses them)", () => {
    const doc = (n: number) => `a:\n  ${"- ".repeat(n)}x\n`;
    writeFileSync(join(tmp, "d999.yaml"), doc(999));
    writeFileSync(join(tmp, "d1000.yaml"), doc(1000));
    expect(nixmod("eval", "d999.yaml").stderr).toMatch(/^error: The option `a' does not exist/);
    expect(nixmod("eval", "d1000.yaml").stderr).toMatch(
      /^error: d1000\.yaml:2:2001: at a.*: the value is nested more than 1000 levels deep/,
    );
  });

  it("a key twice in one JSON object is refused, with line and column (YAML refuses it too)", () => {
    const refusal = (text: string) => {
      const r = parseJson(text, "dup.json");
      return E.isLeft(r) ? r.left.message : "loaded";
    };
    expect(refusal('{\n  "a": 1,\n  "a": 2\n}')).toMatch(
      /^dup\.json:3:3: invalid JSON: the key "a" is in this object twice \(first at line 2, column 3\)/,
    );
    expect(refusal('{"x": {"b": 1, "\\u0062": 2}}')).toMatch(
      /^dup\.json:1:16: invalid JSON: the key "b" is in this object twice/,
    );
    expect(refusal('{"x": [{"a": 1}, {"a": 2}], "y": {"a": 3}}')).toBe("loaded");
    expect(refusal('{"a": "\\"a\\": 1", "b": {"a": 1}}')).toBe("loaded");
    expect(E.isLeft(parseYamlText("a: 1\na: 2\n", "dup.yaml"))).toBe(true);
  });
});
