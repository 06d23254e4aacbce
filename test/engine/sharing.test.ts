// What submodule instances share (declaration shapes, a lone default's definition list) must
// never leak one instance's values into another (docs/architecture.md, "What submodule
// instances share").
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { mkDefault, mkForce, mkMerge } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";

const staticOptions = {
  port: mkOption({ type: T.int, default: 80 }),
  tags: mkOption({ type: T.listOf(T.str), default: [] }),
};

describe("submodule instances with the same declarations", () => {
  const ev = evalModules({
    modules: [
      {
        options: {
          items: mkOption({ type: T.attrsOf(T.submodule({ options: staticOptions })), default: {} }),
        },
      },
      { _file: "a.nix", items: { a: { port: 1 }, b: {}, c: { port: mkForce(3), tags: ["x"] } } },
      { _file: "b.nix", items: { a: { port: mkDefault(2) }, b: { tags: ["y"] } } },
    ],
  });
  const items = ev.config.items as Record<string, { port: number; tags: string[] }>;

  it("keep their own definitions and values", () => {
    expect(items.a!.port).toBe(1);
    expect(items.b!.port).toBe(80);
    expect(items.c!.port).toBe(3);
    expect(items.a!.tags).toEqual([]);
    expect(items.b!.tags).toEqual(["y"]);
    expect(items.c!.tags).toEqual(["x"]);
  });

  it("give each option record its own path and definitions", () => {
    const opts = (ev.options.items.type.getSubOptions(["items"]) as Record<string, any>).port;
    expect(opts.loc).toEqual(["items", "<name>", "port"]);
    expect(Object.keys(opts)).toEqual(
      expect.arrayContaining(["loc", "type", "default", "value", "isDefined", "files"]),
    );
    expect(opts.value).toBe(80);
  });

  it("hand out definition lists of their own, though the lone default's is shared inside", () => {
    const first = (ev.options.items.type.getSubOptions(["items"]) as Record<string, any>).port;
    const second = (ev.options.items.type.getSubOptions(["items"]) as Record<string, any>).port;
    const defs = first.definitionsWithLocations as unknown[];
    expect(defs).toHaveLength(1);
    defs.push({ file: "x.nix", value: 1 });
    expect(second.definitionsWithLocations).toHaveLength(1);
    expect(second.value).toBe(80);
    expect(items.b!.port).toBe(80);
  });

  it("have config and options objects without inherited attributes", () => {
    expect("toString" in items.a!).toBe(false);
    expect("constructor" in items.a!).toBe(false);
    expect("toString" in ev.options.items).toBe(true); // an option record has its own toString
    expect(Object.prototype.hasOwnProperty.call(ev.options.items, "toString")).toBe(true);
    expect("hasOwnProperty" in (ev.options as object)).toBe(false);
  });
});

describe("a module function that declares its options on each call", () => {
  it("gives every instance its own declarations (a default computed from the name)", () => {
    const ev = evalModules({
      modules: [
        {
          options: {
            items: mkOption({
              type: T.attrsOf(
                T.submodule(({ name }: { name: string }) => ({
                  options: { label: mkOption({ type: T.str, default: `item-${name}` }) },
                })),
              ),
              default: {},
            }),
          },
        },
        { items: { a: {}, b: {}, c: { label: "own" } } },
      ],
    });
    const items = ev.config.items as Record<string, { label: string }>;
    expect(items.a!.label).toBe("item-a");
    expect(items.b!.label).toBe("item-b");
    expect(items.c!.label).toBe("own");
  });
});

describe("what an option keeps once its value is known", () => {
  const make = () =>
    evalModules({
      modules: [
        {
          options: {
            x: mkOption({ type: T.int, default: 1 }),
            xs: mkOption({ type: T.listOf(T.str), default: [] }),
            env: mkOption({ type: T.attrsOf(T.int), default: {} }),
          },
        },
        { _file: "a.nix", x: mkForce(5), xs: ["a"], env: { A: 1, B: mkDefault(2) } },
        { _file: "b.nix", x: 6, xs: ["b"], env: { B: 3 } },
      ],
    });
  const story = (o: any) => ({
    value: o.value,
    definitions: o.definitions,
    files: o.files,
    highestPrio: o.highestPrio,
    isDefined: o.isDefined,
    definitionsWithLocations: o.definitionsWithLocations,
  });

  it("tells the same story of its definitions before and after the value is read", () => {
    const before = make();
    const told = ["x", "xs", "env"].map((n) => story(before.options[n]));
    const after = make();
    const values = ["x", "xs", "env"].map((n) => after.config[n]);
    expect(values).toEqual([5, ["b", "a"], { A: 1, B: 3 }]);
    expect(["x", "xs", "env"].map((n) => story(after.options[n]))).toEqual(told);
    expect(told[0]).toMatchObject({ definitions: [5], files: ["a.nix"], highestPrio: 50 });
    // The value itself is computed once: the same object on every read.
    expect(after.config.xs).toBe(values[1]);
    expect(after.options.env.value).toBe(values[2]);
  });

  it("reports an attribute's failure on every read, until it has a value", () => {
    const ev = evalModules({
      modules: [
        { options: { env: mkOption({ type: T.attrsOf(T.int), default: {} }) } },
        { _file: "a.nix", env: { bad: "x", good: 1 } },
      ],
    });
    const env = ev.config.env as Record<string, number>;
    expect(env.good).toBe(1);
    expect(() => env.bad).toThrow(/env\.bad' is not of type `signed integer'/);
    expect(() => env.bad).toThrow(/env\.bad' is not of type `signed integer'/);
  });
});

// The attribute sets the engine makes (attrsOf values, submodule configs) read their
// attributes through getters shared by all such sets, which find their state on the set:
// merging them into another set must move their cells, not their getters.
describe("engine-made attribute sets as definitions of other options", () => {
  const ev = evalModules({
    modules: [
      {
        options: {
          a: mkOption({ type: T.attrsOf(T.int) }),
          b: mkOption({ type: T.attrsOf(T.int) }),
          s: mkOption({ type: T.attrsOf(T.submodule({ options: staticOptions })) }),
          untyped: mkOption({}),
          attrs: mkOption({ type: T.attrs }),
          configs: mkOption({}),
        },
      },
      (args: { config: Record<string, any> }) => ({
        a: { p: 1, q: 2, bad: "no" as unknown as number },
        b: { r: 3, p: 4 },
        s: { x: { port: 1 }, y: { tags: ["t"] } },
        get untyped() {
          return mkMerge([args.config.a, args.config.b]);
        },
        get attrs() {
          return mkMerge([args.config.b, args.config.a]);
        },
        get configs() {
          return mkMerge([args.config.s.x, args.config.s.y]);
        },
      }),
    ],
  });
  const config = ev.config as Record<string, Record<string, unknown>>;

  it("keep every attribute, later definitions winning, each value unevaluated until read", () => {
    expect(Object.keys(config.untyped!).sort()).toEqual(["bad", "p", "q", "r"]);
    expect(config.untyped!.p).toBe(4);
    expect(config.untyped!.q).toBe(2);
    expect(config.attrs!.p).toBe(1);
    expect(config.attrs!.r).toBe(3);
    expect(() => config.untyped!.bad).toThrow(
      /A definition for option `a.bad' is not of type `signed integer'/,
    );
  });

  it("read submodule configs through the instance they belong to", () => {
    expect(config.configs!.port).toBe(80);
    expect(config.configs!.tags).toEqual(["t"]);
  });
});

describe("an option's lone default, merged once for the instances sharing its declaration", () => {
  /** N instances of a submodule declaring `opts`, none defining anything. */
  const instances = (opts: Record<string, unknown>, n = 3): Record<string, Record<string, unknown>> => {
    const items: Record<string, object> = {};
    for (let i = 0; i < n; i++) items[`i${i}`] = {};
    const ev = evalModules({
      modules: [
        { options: { items: mkOption({ type: T.attrsOf(T.submodule({ options: opts })), default: {} }) } },
        { _file: "items.nix", items },
      ],
    });
    return ev.config.items as Record<string, Record<string, unknown>>;
  };

  it("merges a path-free type's default once: coercing it is done by the first instance only", () => {
    let coerced = 0;
    const portText = T.coercedTo(
      T.int,
      (n: number) => {
        coerced++;
        return String(n);
      },
      T.str,
    );
    // One instance, then five of another declaration (new option objects): as much coercing.
    const one = instances({ port: mkOption({ type: portText, default: 80 }) }, 1);
    expect(one.i0!.port).toBe("80");
    const once = coerced;
    expect(once).toBeGreaterThan(0);
    const five = instances({ port: mkOption({ type: portText, default: 80 }) }, 5);
    expect(Object.values(five).map((i) => i.port)).toEqual(["80", "80", "80", "80", "80"]);
    expect(coerced - once).toBe(once);
  });

  it("shares an empty list only frozen, and never a list with elements", () => {
    const items = instances({
      none: mkOption({ type: T.listOf(T.str), default: [] }),
      some: mkOption({ type: T.listOf(T.str), default: ["a"] }),
    });
    expect(items.i0!.none).toBe(items.i1!.none);
    expect(Object.isFrozen(items.i0!.none)).toBe(true);
    expect(() => (items.i0!.none as string[]).push("x")).toThrow(TypeError);
    expect(items.i1!.none).toEqual([]);
    expect(items.i0!.some).toEqual(["a"]);
    expect(items.i0!.some).not.toBe(items.i1!.some);
    (items.i0!.some as string[]).push("b");
    expect(items.i1!.some).toEqual(["a"]);
  });

  it("merges again for each instance when the type's merge may read the option's path", () => {
    const where = T.mkOptionType<string>({ name: "where", merge: (loc) => loc.join(".") });
    const items = instances({ at: mkOption({ type: where, default: "x" }) });
    expect(items.i0!.at).toBe("items.i0.at");
    expect(items.i2!.at).toBe("items.i2.at");
  });

  it("keeps no error: each instance reports its own path", () => {
    const items = instances({ port: mkOption({ type: T.int, default: "eighty" as unknown as number }) });
    expect(() => items.i0!.port).toThrow(/`items\.i0\.port'/);
    expect(() => items.i1!.port).toThrow(/`items\.i1\.port'/);
  });
});

describe("an option's lone default and `apply`", () => {
  it("hands `apply` a value of the option's own, which it may change", () => {
    const items: Record<string, object> = { a: {}, b: {} };
    const opts = {
      tags: mkOption({
        type: T.listOf(T.str),
        default: [],
        apply: (l: string[]) => {
          l.push("applied");
          return l;
        },
      }),
    };
    const ev = evalModules({
      modules: [
        { options: { items: mkOption({ type: T.attrsOf(T.submodule({ options: opts })), default: {} }) } },
        { _file: "items.nix", items },
      ],
    });
    const cfg = ev.config.items as Record<string, { tags: string[] }>;
    expect(cfg.a!.tags).toEqual(["applied"]);
    expect(cfg.b!.tags).toEqual(["applied"]);
  });
});

describe("a shared empty list", () => {
  it("is the library's own: a declaration's default list is not frozen", () => {
    const mine: string[] = [];
    const items: Record<string, object> = { a: {}, b: {} };
    const opts = { raw: mkOption({ type: T.uniq(T.listOf(T.str)), default: mine }) };
    const ev = evalModules({
      modules: [
        { options: { items: mkOption({ type: T.attrsOf(T.submodule({ options: opts })), default: {} }) } },
        { _file: "items.nix", items },
      ],
    });
    const cfg = ev.config.items as Record<string, { raw: string[] }>;
    expect(cfg.a!.raw).toEqual([]);
    expect(cfg.b!.raw).toBe(cfg.a!.raw);
    expect(Object.isFrozen(mine)).toBe(false);
  });
});
