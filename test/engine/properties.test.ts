// Property tests (fast-check) of merging, priorities, ordering and determinism.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { EvalError } from "../../src/lib/errors.js";
import type { Module } from "../../src/lib/module-types.js";
import { mkOption } from "../../src/lib/options.js";
import { mkAfter, mkBefore, mkForce, mkIf, mkMerge, mkOrder, mkOverride } from "../../src/lib/properties.js";
import { types as T, type OptionType } from "../../src/types/index.js";

const runs = { numRuns: 60 };

/** `xs` and a permutation of it. */
const withPermutation = <A>(arb: fc.Arbitrary<A[]>): fc.Arbitrary<[A[], A[]]> =>
  arb.chain((xs) =>
    fc
      .shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })
      .map((ys) => [xs, ys] as [A[], A[]]),
  );

const evalX = (decl: unknown, defs: readonly Module[]): unknown =>
  evalModules({ modules: [{ options: { x: decl } }, ...defs] }).config.x;

describe("merging unordered definitions does not depend on module order", () => {
  it("attrsOf with distinct keys", () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string({ maxLength: 6 }), fc.integer()), {
      selector: ([k]) => k,
      maxLength: 12,
    });
    fc.assert(
      fc.property(withPermutation(entries), ([a, b]) => {
        const decl = mkOption({ type: T.attrsOf(T.int), default: {} });
        const mods = (es: [string, number][]) =>
          es.map(([k, v], i) => ({ _file: `m${i}.nix`, x: { [k]: v } }));
        const ra = evalX(decl, mods(a));
        const rb = evalX(decl, mods(b));
        expect(ra).toEqual(rb);
        expect(ra).toEqual(Object.fromEntries(a));
      }),
      runs,
    );
  });

  it("attrsOf with distinct keys, several per module", () => {
    const modules = fc.array(fc.dictionary(fc.string({ maxLength: 4 }), fc.boolean(), { maxKeys: 4 }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(withPermutation(modules), ([a, b]) => {
        // Make the keys distinct across modules by prefixing the module's original index.
        const tagged = a.map((d, i) =>
          Object.fromEntries(Object.entries(d).map(([k, v]) => [`${i}:${k}`, v])),
        );
        const order = b.map((d) => tagged[a.indexOf(d)]!);
        const decl = mkOption({ type: T.attrsOf(T.bool), default: {} });
        expect(
          evalX(
            decl,
            order.map((x) => ({ x })),
          ),
        ).toEqual(
          evalX(
            decl,
            tagged.map((x) => ({ x })),
          ),
        );
      }),
      runs,
    );
  });

  it("bool with equal values", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 1, max: 8 }), (v, n) => {
        const defs = Array.from({ length: n }, (_, i) => ({ _file: `m${i}.nix`, x: v }));
        expect(evalX(mkOption({ type: T.bool }), defs)).toBe(v);
        expect(evalX(mkOption({ type: T.bool }), [...defs].reverse())).toBe(v);
      }),
      runs,
    );
  });

  it("equal str definitions", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 8 }), (v, n) => {
        const defs = Array.from({ length: n }, (_, i) => ({ _file: `m${i}.nix`, x: v }));
        expect(evalX(mkOption({ type: T.str }), defs)).toBe(v);
      }),
      runs,
    );
  });
});

describe("priorities", () => {
  it("mkForce beats any plain definition", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 8 }), fc.integer(), fc.nat(), (plain, forced, at) => {
        const defs: Module[] = plain.map((v) => ({ x: v }));
        defs.splice(at % (defs.length + 1), 0, { x: mkForce(forced) });
        expect(evalX(mkOption({ type: T.int }), defs)).toBe(forced);
      }),
      runs,
    );
  });

  it("any mkOverride priorities: only the lowest number's definitions survive", () => {
    // Each module i defines [i] at some priority (plain = 100).
    const prio = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 2000 }),
      fc.constantFrom(50, 100, 1000, 1500),
    );
    fc.assert(
      fc.property(fc.array(prio, { minLength: 1, maxLength: 10 }), (prios) => {
        const defs = prios.map((p, i) => ({ x: p === undefined ? [i] : mkOverride(p, [i]) }));
        const eff = prios.map((p) => p ?? 100);
        // The option's default [] is a definition at priority 1500 (mkOptionDefault).
        const lowest = Math.min(...eff, 1500);
        // Nix hands definitions to the merge function last module first.
        const expected = eff
          .map((p, i) => [p, i] as const)
          .filter(([p]) => p === lowest)
          .map(([, i]) => i)
          .reverse();
        expect(evalX(mkOption({ type: T.listOf(T.int), default: [] }), defs)).toEqual(expected);
      }),
      runs,
    );
  });
});

describe("mkBefore / mkAfter order is stable", () => {
  type Kind = "before" | "plain" | "after" | "order";
  const kind = fc.constantFrom<Kind>("before", "plain", "after", "order");
  const wrap = (k: Kind, v: number[]): unknown =>
    k === "before" ? mkBefore(v) : k === "after" ? mkAfter(v) : k === "order" ? mkOrder(1000, v) : v;
  const prioOf = (k: Kind): number => (k === "before" ? 500 : k === "after" ? 1500 : 1000);

  it("mkBefore before plain before mkAfter; within one priority, the definitions' own order", () => {
    fc.assert(
      fc.property(fc.array(kind, { maxLength: 12 }), (kinds) => {
        const defs = kinds.map((k, i) => ({ x: wrap(k, [i]) }));
        // Within one priority the definitions keep their order, which in Nix is the last module first.
        const byModule = kinds.map((k, i) => [prioOf(k), i] as const).reverse();
        const expected = [500, 1000, 1500].flatMap((p) =>
          byModule.filter(([q]) => q === p).map(([, i]) => i),
        );
        expect(evalX(mkOption({ type: T.listOf(T.int), default: [] }), defs)).toEqual(expected);
      }),
      runs,
    );
  });

  it("several elements per definition stay together and in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kind, fc.array(fc.integer(), { maxLength: 3 })), { maxLength: 8 }),
        (specs) => {
          const defs = specs.map(([k, v]) => ({ x: wrap(k, v) }));
          const rev = specs.map(([k, v]) => [prioOf(k), v] as const).reverse();
          const expected = [500, 1000, 1500].flatMap((p) =>
            rev.filter(([q]) => q === p).flatMap(([, v]) => v),
          );
          expect(evalX(mkOption({ type: T.listOf(T.int), default: [] }), defs)).toEqual(expected);
        },
      ),
      runs,
    );
  });
});

describe("evaluating the same modules twice gives deep-equal results", () => {
  // A random module set over a few options, definitions wrapped in random properties,
  // some reading `config` (flag) lazily.
  const value = (t: "int" | "str" | "list" | "attrs" | "bool"): fc.Arbitrary<unknown> =>
    t === "int"
      ? fc.integer({ min: -3, max: 3 })
      : t === "str"
        ? fc.constantFrom("a", "b")
        : t === "bool"
          ? fc.boolean()
          : t === "list"
            ? fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 })
            : fc.dictionary(fc.constantFrom("p", "q", "r"), fc.integer({ min: 0, max: 9 }), { maxKeys: 2 });
  const optionTypes = { i: "int", s: "str", l: "list", a: "attrs", flag: "bool" } as const;
  const typeOf = { int: T.int, str: T.str, list: T.listOf(T.int), attrs: T.attrsOf(T.int), bool: T.bool };
  const wrapped = (v: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    fc
      .tuple(v, fc.constantFrom("plain", "if", "ifFlag", "force", "default", "before", "after", "merge"))
      .map(([x, w]) => ({ x, w }));
  const moduleArb = fc.record(
    Object.fromEntries(
      Object.entries(optionTypes).map(([name, t]) => [
        name,
        fc.option(wrapped(value(t)), { nil: undefined }),
      ]),
    ) as Record<string, fc.Arbitrary<{ x: unknown; w: string } | undefined>>,
  );

  const build = (specs: Record<string, { x: unknown; w: string } | undefined>[]): Module[] => [
    {
      options: Object.fromEntries(
        Object.entries(optionTypes).map(([n, t]) => [
          n,
          mkOption<unknown>({ type: typeOf[t] as OptionType, default: t === "bool" ? false : undefined }),
        ]),
      ),
    },
    ...specs.map((spec, i) => ({ config }: any) => {
      const cfg: Record<string, unknown> = {};
      for (const [n, d] of Object.entries(spec)) {
        if (d === undefined) continue;
        const { x, w } = d;
        cfg[n] =
          w === "if"
            ? mkIf(i % 2 === 0, x)
            : w === "ifFlag" && n !== "flag"
              ? mkIf(() => config.flag, x)
              : w === "force"
                ? mkForce(x)
                : w === "default"
                  ? mkOverride(1000, x)
                  : w === "before"
                    ? mkBefore(x)
                    : w === "after"
                      ? mkAfter(x)
                      : w === "merge"
                        ? mkMerge([x])
                        : x;
      }
      return { _file: `m${i}.nix`, config: cfg };
    }),
  ];

  const outcome = (modules: Module[], name: string): unknown => {
    try {
      return { value: JSON.parse(JSON.stringify(evalModules({ modules }).config[name])) };
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return { error: e.message };
    }
  };

  it("values and errors are the same on every evaluation", () => {
    fc.assert(
      fc.property(fc.array(moduleArb, { maxLength: 5 }), (specs) => {
        const modules = build(specs);
        for (const name of Object.keys(optionTypes)) {
          expect(outcome(modules, name)).toEqual(outcome(modules, name));
        }
        // And reading the options in another order does not change anything.
        const all = (names: string[]) => Object.fromEntries(names.map((n) => [n, outcome(modules, n)]));
        const names = Object.keys(optionTypes);
        expect(all([...names].reverse())).toEqual(all(names));
      }),
      runs,
    );
  });

  it("within one evaluation, reading an option twice gives the same object", () => {
    fc.assert(
      fc.property(fc.array(moduleArb, { maxLength: 5 }), (specs) => {
        const { config } = evalModules({ modules: build(specs) });
        for (const name of ["l", "a"]) {
          let first: unknown;
          try {
            first = config[name];
          } catch {
            continue;
          }
          expect(config[name]).toBe(first);
        }
      }),
      runs,
    );
  });
});
