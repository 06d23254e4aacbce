// Module-level features: arguments, _module options, shorthand, imports, disabledModules.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { mkDefault, mkIf } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";
import { errorAt } from "./helpers.js";

const xInt = { options: { x: mkOption({ type: T.int }) } };

describe("module arguments", () => {
  it("_module.args are handed to every module, read lazily", () => {
    const mods = [
      xInt,
      { config: { _module: { args: { answer: 42 } } } },
      (args: any) => ({
        config: {
          get x() {
            return args.answer;
          },
        },
      }),
    ];
    expect(evalModules({ modules: mods }).config.x).toBe(42);
  });

  it("_module.args may depend on config", () => {
    const mods = [
      xInt,
      { options: { base: mkOption({ type: T.int, default: 2 }) } },
      ({ config }: any) => ({
        config: {
          _module: {
            args: {
              get doubled() {
                return config.base * 2;
              },
            },
          },
        },
      }),
      (args: any) => ({
        config: {
          get x() {
            return args.doubled;
          },
        },
      }),
    ];
    expect(evalModules({ modules: mods }).config.x).toBe(4);
  });

  it("specialArgs are available while modules are collected (even in imports)", () => {
    const child = { x: 5 };
    const mods = [xInt, ({ pick }: any) => ({ imports: [pick] })];
    expect(evalModules({ modules: mods, specialArgs: { pick: child } }).config.x).toBe(5);
  });

  it("the standard arguments: lib, options, config, specialArgs", () => {
    let seen: any;
    const mods = [
      xInt,
      (args: any) => {
        seen = args;
        return { x: 1 };
      },
    ];
    const r = evalModules({ modules: mods, specialArgs: { s: 1 } });
    expect(r.config.x).toBe(1);
    expect(typeof seen.lib.mkOption).toBe("function");
    expect(seen.specialArgs).toEqual({ s: 1 });
    expect(seen.s).toBe(1);
    expect(seen.options.x.type.description).toBe("signed integer");
    expect(seen.config.x).toBe(1);
  });

  it("an argument nobody provides is an error naming it", () => {
    const mods = [
      (args: any) => ({
        options: {
          x: mkOption({
            get default() {
              return args.nowhere;
            },
          }),
        },
      }),
    ];
    expect(errorAt(mods, "x")).toMatch(/nowhere/);
  });
});

describe("_module.check and _module.freeformType", () => {
  it("_module.check = false accepts undeclared definitions", () => {
    const mods = [
      { config: { _module: { check: false } }, options: { x: mkOption({ default: 1 }) } },
      { y: 2 },
    ];
    const { config } = evalModules({ modules: mods });
    expect(config.x).toBe(1);
    expect("y" in config).toBe(false);
  });

  it("_module.check = true (the default) rejects them", () => {
    expect(() => evalModules({ modules: [xInt, { x: 1, y: 2 }] }).config.x).toThrow(
      /The option `y' does not exist/,
    );
  });

  it("freeformType takes undeclared definitions and type-checks them", () => {
    const mods = [
      { config: { _module: { freeformType: T.attrsOf(T.int) } }, options: { x: mkOption({ default: 1 }) } },
      { y: 2, z: 3 },
      { z: mkDefault(4) },
    ];
    expect(evalModules({ modules: mods }).config).toEqual({ x: 1, y: 2, z: 3 });
    const bad = [{ config: { _module: { freeformType: T.attrsOf(T.int) } } }, { _file: "f.nix", y: "s" }];
    expect(errorAt(bad, "y")).toBe(
      "error: A definition for option `y' is not of type `signed integer'. Definition values:\n       - In `f.nix': \"s\"",
    );
  });

  it("a freeform submodule", () => {
    const sub = T.submodule({ freeformType: T.attrsOf(T.str), options: { name: mkOption({ type: T.str }) } });
    const mods = [{ options: { s: mkOption({ type: sub }) } }, { s: { name: "n", extra: "e" } }];
    expect(evalModules({ modules: mods }).config.s).toEqual({ extra: "e", name: "n" });
  });
});

describe("shorthand modules", () => {
  it("an object without options/config/imports is all config", () => {
    expect(evalModules({ modules: [xInt, { x: 3 }] }).config.x).toBe(3);
  });

  it("a function returning a shorthand module", () => {
    expect(evalModules({ modules: [xInt, () => ({ x: 3 })] }).config.x).toBe(3);
  });

  it("a shorthand module may carry _file and key", () => {
    expect(
      errorAt([{ options: { x: mkOption({ type: T.int }) } }, { _file: "s.nix", key: "k", x: "no" }], "x"),
    ).toMatch(/- In `s.nix': "no"/);
  });

  it("mixing config keys with options is an error worded like Nix", () => {
    expect(() => evalModules({ modules: [{ options: { x: mkOption({}) }, x: 1 }] }).config.x).toThrow(
      /has an unsupported attribute `x'/,
    );
  });
});

describe("imports", () => {
  it("nested imports are collected", () => {
    const deep = { x: 9 };
    const mods = [{ imports: [{ imports: [{ imports: [xInt, deep] }] }] }];
    expect(evalModules({ modules: mods }).config.x).toBe(9);
  });

  it("modules with the same key are imported once", () => {
    const decl = { key: "decl", options: { l: mkOption({ type: T.listOf(T.int) }) } };
    const def = { key: "def", l: [1] };
    const mods = [decl, def, { imports: [def, { imports: [def, decl] }] }, { key: "def", l: [2] }];
    expect(evalModules({ modules: mods }).config.l).toEqual([1]);
  });

  it("an unkeyed object imported in two places is two modules, as in Nix", () => {
    const def = { l: [1] };
    const mods = [{ options: { l: mkOption({ type: T.listOf(T.int) }) } }, def, { imports: [def] }];
    // Unkeyed modules get keys from their position: the same object in two places is two modules, as in Nix.
    expect(evalModules({ modules: mods }).config.l).toEqual([1, 1]);
  });

  it("imports of a function module see the arguments", () => {
    const mods = [
      { options: { a: mkOption({ type: T.int, default: 1 }), b: mkOption({ type: T.int }) } },
      ({ config }: any) => ({
        imports: [
          {
            config: mkIf(() => config.a === 1, { b: 10 }),
          },
        ],
      }),
    ];
    expect(evalModules({ modules: mods }).config.b).toBe(10);
  });
});

describe("a value that is not a module", () => {
  // Nix's first line, then what the value is: `undefined` has no counterpart in Nix, and in
  // JavaScript it usually comes from an import cycle or from an arrow function's block body.
  it("says what an imported value is", () => {
    expect(errorAt([{ _file: "m.ts", imports: [5] }], "x")).toBe(
      "error: module m.ts (:anon-1:anon-1) does not look like a module.\n" +
        "       It is an integer; a module is an attribute set, a function returning one, or the path of a module file.",
    );
  });

  it("explains an imported `undefined` (an ES import cycle, a name not exported)", () => {
    const msg = errorAt([{ _file: "a.ts", imports: [undefined as never] }], "x");
    expect(msg).toMatch(/^error: module a\.ts \(:anon-1:anon-1\) does not look like a module\.\n/);
    expect(msg).toMatch(
      /It is `undefined`: what a JavaScript `import` of a module file gives while that file/,
    );
    expect(msg).toMatch(/Import module files by path instead \(`imports: \["\.\/other\.ts"\]`\)/);
  });

  it("says what a module function returned, pointing at an arrow function's block body", () => {
    // `() => { x: 1 }` is a block with a label: it returns undefined.
    expect(errorAt([xInt, { _file: "f.ts", imports: [() => undefined] }], "x")).toBe(
      "error: module f.ts (:anon-2:anon-1) does not look like a module.\n" +
        "       The module function returned `undefined` (an arrow function whose body is `{ ... }` returns nothing: write `=> ({ ... })`) instead of an attribute set.",
    );
    expect(errorAt([{ _file: "f.ts", imports: [() => [xInt]] }], "x")).toMatch(
      /The module function returned a list instead of an attribute set\.$/,
    );
  });

  it("a Promise is not a module (not an empty one): an async module function, an imported Promise", () => {
    const asyncModule = async () => ({ x: 1 });
    expect(errorAt([xInt, { _file: "a.ts", imports: [asyncModule] }], "x")).toMatch(
      /^error: module a\.ts \(:anon-2:anon-1\) does not look like a module\.\n {7}The module function returned a Promise \(an `async` function returns one: the module system evaluates synchronously/,
    );
    expect(errorAt([xInt, { _file: "p.ts", imports: [Promise.resolve({ x: 1 })] }], "x")).toMatch(
      /^error: module p\.ts \(:anon-2:anon-1\) does not look like a module\.\n {7}It is a Promise .*; a module file's default export may be a Promise, which the loader awaits\.$/,
    );
  });
});

describe("disabledModules", () => {
  const a = { key: "/m/a.nix", options: { x: mkOption({ type: T.int, default: 1 }) } };
  const b = { key: "/m/b.nix", x: mkDefault(2) };
  const c = { key: "/m/c.nix", imports: [b] };

  it("removes a module by its key path, with everything it imports", () => {
    expect(evalModules({ modules: [a, c] }).config.x).toBe(2);
    expect(evalModules({ modules: [a, c, { disabledModules: ["/m/c.nix"] }] }).config.x).toBe(1);
    expect(evalModules({ modules: [a, c, { disabledModules: ["/m/b.nix"] }] }).config.x).toBe(1);
  });

  it("a relative string is relative to specialArgs.modulesPath", () => {
    const mods = [a, c, { disabledModules: ["c.nix"] }];
    expect(evalModules({ modules: mods, specialArgs: { modulesPath: "/m" } }).config.x).toBe(1);
    expect(evalModules({ modules: mods, specialArgs: { modulesPath: "/elsewhere" } }).config.x).toBe(2);
  });

  it("by the module value itself (its key)", () => {
    expect(evalModules({ modules: [a, b, { disabledModules: [b] }] }).config.x).toBe(1);
  });

  it("a module without a key cannot be disabled by value", () => {
    expect(() => evalModules({ modules: [a, { disabledModules: [{ x: 1 }] }] }).config.x).toThrow(
      /does not have a `key' attribute|does not have a `key` attribute/,
    );
  });

  it("by a value Nix's toString converts, or a key that no module has unless it is a string", () => {
    const x = (item: unknown) => evalModules({ modules: [a, c, { disabledModules: [item] }] }).config.x;
    // `toString` calls `__toString` and uses `outPath`, as Nix's does.
    expect([x({ __toString: () => "/m/c.nix" }), x({ outPath: "/m/b.nix" })]).toEqual([1, 1]);
    // A key that is not a string equals no module's key (and is no TypeError).
    expect([x({ key: Object.create(null) }), x({ key: 5 })]).toEqual([2, 2]);
    expect(() => x({ __toString: () => "/m/c.nix", key: Object.create(null) })).toThrow(
      "can be converted to a string (/m/c.nix) but also has a `.key` attribute (a set) with a different value",
    );
  });

  it("disabling a declaration makes its definitions undeclared", () => {
    expect(() => evalModules({ modules: [a, b, { disabledModules: ["/m/a.nix"] }] }).config.x).toThrow(
      /The option `x' does not exist/,
    );
  });
});

describe("the order modules are loaded in", () => {
  it("is depth first, imports right after their module, whether or not earlier modules import", () => {
    const order: string[] = [];
    const mod =
      (name: string, extra: object = {}) =>
      () => {
        order.push(name);
        return extra;
      };
    const list = mod("list", { options: { list: mkOption({ type: T.listOf(T.str), default: [] }) } });
    const ev = evalModules({ modules: [list, mod("a"), mod("b", { imports: [mod("c")] }), mod("d")] });
    expect(ev.config.list).toEqual([]);
    expect(order).toEqual(["list", "a", "b", "c", "d"]);
  });

  it("keeps the first of two modules with the same key, with or without imports elsewhere", () => {
    const x = mkOption({ type: T.int });
    const plain = evalModules({ modules: [{ options: { x } }, { key: "k", x: 1 }, { key: "k", x: 2 }] });
    expect(plain.config.x).toBe(1);
    const nested = evalModules({
      modules: [{ options: { x } }, { key: "k", x: 1 }, { imports: [{ key: "k", x: 2 }] }],
    });
    expect(nested.config.x).toBe(1);
  });
});

describe("attribute order", () => {
  it("config and options objects list their names by code unit, as Nix's attribute sets do", () => {
    // Declared out of order, across two modules, with names that locale order would sort otherwise.
    const sub = T.submodule({
      options: { b: mkOption({ type: T.int, default: 1 }), B: mkOption({ type: T.int, default: 2 }) },
    });
    const mods = [
      {
        options: {
          zeta: mkOption({ type: T.int, default: 1 }),
          Alpha: mkOption({ type: T.int, default: 2 }),
          item: mkOption({ type: sub, default: {} }),
        },
      },
      {
        options: { alpha: mkOption({ type: T.int, default: 3 }), _z: mkOption({ type: T.int, default: 4 }) },
      },
    ];
    const { config, options } = evalModules({ modules: mods });
    expect(Object.keys(config)).toEqual(["Alpha", "_z", "alpha", "item", "zeta"]);
    expect(Object.keys(options)).toEqual(["Alpha", "_module", "_z", "alpha", "item", "zeta"]);
    expect(Object.keys(config.item)).toEqual(["B", "b"]);
  });
});
