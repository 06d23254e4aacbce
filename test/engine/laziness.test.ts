// Laziness of the fixpoint and the reporting of real cycles.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { EvalError, InfiniteRecursionError } from "../../src/lib/errors.js";
import { genAttrs, mapAttrs } from "../../src/lib/nix/attrsets.js";
import { mkOption, mkPackageOption } from "../../src/lib/options.js";
import { mkIf, mkMerge } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";
import { errorAt } from "./helpers.js";

describe("infinite recursion", () => {
  it("names the chain of option paths a.b -> c -> a.b", () => {
    const mods = [
      { options: { a: { b: mkOption({ type: T.int }) }, c: mkOption({ type: T.int }) } },
      ({ config }: any) => ({
        config: {
          a: {
            get b() {
              return config.c + 1;
            },
          },
          get c() {
            return config.a.b + 1;
          },
        },
      }),
    ];
    let err: unknown;
    try {
      void evalModules({ modules: mods }).config.a.b;
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InfiniteRecursionError);
    expect((err as InfiniteRecursionError).chain).toEqual(["a.b", "c", "a.b"]);
    expect((err as Error).message).toBe(
      "infinite recursion encountered\nThe value depends on itself: `a.b' -> `c' -> `a.b'",
    );
  });

  it("a default reading its own option", () => {
    const mods = [
      ({ config }: any) => ({
        options: {
          x: mkOption({
            type: T.int,
            get default() {
              return config.x;
            },
          }),
        },
      }),
    ];
    expect(errorAt(mods, "x")).toBe(
      "error: infinite recursion encountered\n       The value depends on itself: `x' -> `x'",
    );
  });

  it("names the collection of modules when a module function reads config while it is called", () => {
    const hint =
      "\nA module read `config' or `options' while the modules were being collected. Read them lazily:" +
      " inside a getter (`get x() { ... }`) or an mkIf condition thunk (`mkIf(() => ..., ...)`)," +
      " not in the body of the module function.";
    const top = [
      { options: { x: mkOption({ type: T.int, default: 1 }) } },
      ({ config }: any) => (config.x > 0 ? {} : {}),
    ];
    expect(() => evalModules({ modules: top }).config.x).toThrow(
      "infinite recursion encountered\nThe value depends on itself: `<collecting modules>' -> `<collecting modules>'" +
        hint,
    );
    const item = ({ config }: any) => ({
      options: { y: mkOption({ type: T.int, default: 2 }) },
      config: config.y > 0 ? {} : {},
    });
    const nested = [
      { options: { s: mkOption({ type: T.attrsOf(T.submodule(item)) }) } },
      { s: { "a b": {} } },
    ];
    expect(() => (evalModules({ modules: nested }).config.s as any)["a b"].y).toThrow(
      "infinite recursion encountered\nThe value depends on itself: " +
        '`<collecting modules of s."a b">\' -> `<collecting modules of s."a b">\'' +
        hint,
    );
  });

  it("through an attrsOf whose names depend on itself", () => {
    const mods = [
      { options: { s: mkOption({ type: T.attrsOf(T.int) }) } },
      ({ config }: any) => ({
        config: {
          get s() {
            return genAttrs(Object.keys(config.s), () => 1);
          },
        },
      }),
    ];
    expect(() => evalModules({ modules: mods }).config.s).toThrow(/infinite recursion encountered/);
  });

  it("a very deep, non-cyclic chain fails as an evaluation error, never a raw RangeError", () => {
    const n = 3000;
    const opts: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) opts[`o${i}`] = mkOption({ type: T.int });
    const defs = ({ config }: any) => {
      const c: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        Object.defineProperty(c, `o${i}`, {
          enumerable: true,
          get: () => (i === 0 ? 0 : config[`o${i - 1}`] + 1),
        });
      }
      return { config: c };
    };
    let err: unknown;
    let value: unknown;
    try {
      value = evalModules({ modules: [{ options: opts }, defs] }).config[`o${n - 1}`];
    } catch (e) {
      err = e;
    }
    // Either the evaluation had the stack to finish, or it reports a stack overflow as Nix-like error.
    if (err === undefined) expect(value).toBe(n - 1);
    else {
      expect(err).toBeInstanceOf(EvalError);
      expect((err as Error).message).toMatch(/^stack overflow while evaluating the option `o\d+'/);
    }
  });
});

describe("laziness", () => {
  const enableAndX = {
    options: {
      enable: mkOption({ type: T.bool, default: false }),
      x: mkOption({ type: T.int, default: 1 }),
    },
  };

  it("mkIf over a whole config whose condition reads config (pushDownProperties)", () => {
    const m = ({ config }: any) => ({ config: mkIf(() => config.enable, { x: 5 }) });
    expect(evalModules({ modules: [enableAndX, m, { enable: true }] }).config.x).toBe(5);
    expect(evalModules({ modules: [enableAndX, m] }).config.x).toBe(1);
  });

  it("mkIf over a whole config that defines the option its condition does not read", () => {
    const m = ({ config }: any) => ({ config: mkIf(() => config.x > 0, { enable: true }) });
    const { config } = evalModules({ modules: [enableAndX, m] });
    expect([config.enable, config.x]).toEqual([true, 1]);
  });

  it("mkMerge of mkIfs over the whole config reading config", () => {
    const m = ({ config }: any) => ({
      config: mkMerge([mkIf(() => config.enable, { x: 7 }), mkIf(() => !config.enable, { x: 8 })]),
    });
    expect(evalModules({ modules: [enableAndX, m, { enable: true }] }).config.x).toBe(7);
  });

  it("defaults reading config", () => {
    const mods = [
      ({ config }: any) => ({
        options: {
          name: mkOption({ type: T.str }),
          greeting: mkOption({
            type: T.str,
            get default() {
              return `hello ${config.name}`;
            },
          }),
        },
      }),
      { name: "world" },
    ];
    expect(evalModules({ modules: mods }).config.greeting).toBe("hello world");
  });

  it("the attribute names of an attrsOf value depending on other options", () => {
    const mods = [
      { options: { names: mkOption({ type: T.listOf(T.str) }), set: mkOption({ type: T.attrsOf(T.int) }) } },
      ({ config }: any) => ({
        config: {
          get set() {
            return genAttrs(config.names, (n: string) => n.length);
          },
        },
      }),
      { names: ["b", "aa"], set: { c: 1 } },
    ];
    expect(evalModules({ modules: mods }).config.set).toEqual({ aa: 2, b: 1, c: 1 });
  });

  it("an attrsOf built from another attrsOf of submodules", () => {
    const user = T.submodule({ options: { uid: mkOption({ type: T.int }) } });
    const mods = [
      { options: { users: mkOption({ type: T.attrsOf(user) }), uids: mkOption({ type: T.attrsOf(T.int) }) } },
      ({ config }: any) => ({
        config: {
          get uids() {
            return mapAttrs((_n: string, u: any) => u.uid, config.users);
          },
        },
      }),
      { users: { alice: { uid: 1 }, bob: { uid: 2 } } },
    ];
    expect(evalModules({ modules: mods }).config.uids).toEqual({ alice: 1, bob: 2 });
  });

  it("reading one option evaluates nothing else", () => {
    const mods = [
      { options: { a: mkOption({ type: T.int }), b: mkOption({ type: T.int }) } },
      {
        a: 1,
        get b(): number {
          throw new Error("b must not be evaluated");
        },
      },
    ];
    expect(evalModules({ modules: mods }).config.a).toBe(1);
  });

  it("an unused default is never evaluated", () => {
    const mods = [
      {
        options: {
          x: mkOption({
            type: T.int,
            get default(): number {
              throw new Error("default must not be evaluated");
            },
          }),
        },
      },
      { x: 3 },
    ];
    expect(evalModules({ modules: mods }).config.x).toBe(3);
  });

  it("mkPackageOption's default is looked up in pkgs only when used", () => {
    const pkg = { type: "derivation", name: "d", outPath: "/nix/store/d" };
    const opt = { options: { p: mkPackageOption({}, "docker") } };
    expect(evalModules({ modules: [opt, { p: pkg }] }).config.p.name).toBe("d");
    expect(() => evalModules({ modules: [opt] }).config.p).toThrow("docker cannot be found in pkgs");
  });

  it("each option value is computed once", () => {
    let defReads = 0;
    let defaultReads = 0;
    let applyCalls = 0;
    const mods = [
      {
        options: {
          x: mkOption({ type: T.int }),
          y: mkOption({
            type: T.int,
            get default() {
              defaultReads++;
              return 10;
            },
            apply: (v: number) => {
              applyCalls++;
              return v * 2;
            },
          }),
          z: mkOption({ type: T.int }),
        },
      },
      ({ config }: any) => ({
        config: {
          get x() {
            defReads++;
            return 1;
          },
          get z() {
            return config.x + config.x + config.y + config.y;
          },
        },
      }),
    ];
    const { config, options } = evalModules({ modules: mods });
    expect([config.z, config.z, config.x, config.y, options.x.value, options.y.value]).toEqual([
      42, 42, 1, 20, 1, 20,
    ]);
    expect(defReads).toBe(1);
    expect(defaultReads).toBe(1);
    expect(applyCalls).toBe(1);
  });

  it("a module function is called once", () => {
    let calls = 0;
    const m = ({ config }: any) => {
      calls++;
      return {
        options: { a: mkOption({ type: T.int, default: 1 }), b: mkOption({ type: T.int }) },
        config: {
          get b() {
            return config.a + 1;
          },
        },
      };
    };
    const { config } = evalModules({ modules: [m] });
    expect([config.a, config.b, config.b]).toEqual([1, 2, 2]);
    expect(calls).toBe(1);
  });
});

describe("apply gets the merged value lazily", () => {
  it("an apply that ignores its argument works without a definition", () => {
    const mods = [{ options: { x: mkOption({ type: T.int, apply: () => 5 }) } }];
    expect(evalModules({ modules: mods }).config.x).toBe(5);
  });

  it("an apply that uses its argument reports the missing definition", () => {
    const mods = [{ options: { x: mkOption({ type: T.int, apply: (v: number) => v + 1 }) } }];
    expect(() => evalModules({ modules: mods }).config.x).toThrow("The option `x' was accessed but has no value defined. Try setting the option.");
    const same = [{ options: { x: mkOption({ type: T.int, apply: (v: number) => v }) } }];
    expect(() => evalModules({ modules: same }).config.x).toThrow("The option `x' was accessed but has no value defined. Try setting the option.");
  });
});

describe("mkIf conditions given as thunks", () => {
  const options = {
    a: mkOption({ type: T.int, default: 0 }),
    b: mkOption({ type: T.int, default: 0 }),
    on: mkOption({ type: T.bool, default: true }),
  };

  it("are evaluated once, however many definitions they guard", () => {
    let runs = 0;
    const { config } = evalModules({
      modules: [
        { options },
        ({ config: c }: any) => ({
          config: mkIf(
            () => {
              runs++;
              return c.on;
            },
            { a: 1, b: 2 },
          ),
        }),
      ],
    });
    expect([config.a, config.b]).toEqual([1, 2]);
    expect(runs).toBe(1);
  });

  it("report a condition that needs itself as an infinite recursion", () => {
    const ev = evalModules({
      modules: [{ options }, ({ config: c }: any) => ({ config: { on: mkIf(() => c.on, false) } })],
    });
    expect(() => ev.config.on).toThrow(InfiniteRecursionError);
  });
});
