// tryConfigAttr: Nix's `tryEval` of a config attribute as an Either. An option nothing
// defines gives its error without throwing it; everything else is read as usual.
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { abort, AbortError, EvalError, renderError, throwError } from "../../src/lib/errors.js";
import { servicesJson } from "../../src/tools/conformance.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { tryConfigAttr, usedButNotDefined } from "../../src/lib/merge.js";
import { mkOption } from "../../src/lib/options.js";
import { mkDefault, mkIf, mkOverride } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";

/** What reading `obj[name]` throws, rendered with its contexts. */
function thrown(obj: Record<string, unknown>, name: string): string {
  try {
    void obj[name];
  } catch (e) {
    return renderError(e);
  }
  throw new Error(`reading ${name} threw nothing`);
}

const left = (r: E.Either<EvalError, unknown>): string => {
  if (E.isRight(r)) throw new Error(`expected an error, got ${String(r.right)}`);
  return renderError(r.left);
};

describe("tryConfigAttr", () => {
  it("gives the error of an option nothing defines, as reading it throws it, and throws nothing", () => {
    const s = T.attrsOf(T.submodule({ options: { p: mkOption({ type: T.port }) } }));
    const { config } = evalModules({
      modules: [{ options: { s: mkOption({ type: s }), x: mkOption({ type: T.int }) } }, { s: { web: {} } }],
    });
    const web = config.s.web as Record<string, unknown>;
    const probed = left(tryConfigAttr(web, "p"));
    expect(probed).toBe(
      "… while evaluating the option `s.web.p':\nerror: The option `s.web.p' was accessed but has no value defined. Try setting the option.",
    );
    expect(thrown(web, "p")).toBe(probed);
    expect(left(tryConfigAttr(config, "x"))).toBe(thrown(config, "x"));
  });

  it("gives the value of an option with a definition or a default", () => {
    const { config } = evalModules({
      modules: [
        { options: { a: mkOption({ type: T.int }), b: mkOption({ type: T.str, default: "d" }) } },
        { a: 5 },
      ],
    });
    expect(tryConfigAttr(config, "a")).toEqual(E.right(5));
    expect(tryConfigAttr(config, "b")).toEqual(E.right("d"));
  });

  it("gives the error a definition's value throws, and an invalid definition's", () => {
    const { config } = evalModules({
      modules: [
        { options: { a: mkOption({ type: T.int }), b: mkOption({ type: T.int }) } },
        {
          _file: "m.nix",
          get a(): number {
            throw new EvalError("boom");
          },
          b: "no",
        },
      ],
    });
    expect(left(tryConfigAttr(config, "a"))).toContain("error: boom");
    expect(left(tryConfigAttr(config, "b"))).toBe(thrown(config, "b"));
    expect(left(tryConfigAttr(config, "b"))).toContain("is not of type `signed integer'");
  });

  it("reads an option with `apply` as usual: apply may do without the value", () => {
    const { config } = evalModules({
      modules: [{ options: { a: mkOption({ type: T.int, apply: () => "applied" }) } }],
    });
    expect(tryConfigAttr(config, "a")).toEqual(E.right("applied"));
  });

  it("gives an option read already as it was read, and a subtree's config", () => {
    const { config } = evalModules({
      modules: [
        { options: { a: mkOption({ type: T.int }), t: { u: mkOption({ type: T.int }) } } },
        { a: 1, t: { u: 2 } },
      ],
    });
    expect(config.a).toBe(1);
    expect(tryConfigAttr(config, "a")).toEqual(E.right(1));
    const t = tryConfigAttr(config, "t");
    expect(E.isRight(t) && (t.right as { u: number }).u).toBe(2);
  });

  it("reads any other object's attribute: an evaluation error is a Left, anything else is thrown", () => {
    const plain = {
      ok: 1,
      get bad(): never {
        throw new EvalError("bad");
      },
      get bug(): never {
        throw new TypeError("bug");
      },
      get stop(): never {
        throw new AbortError("stop");
      },
    };
    expect(tryConfigAttr(plain, "ok")).toEqual(E.right(1));
    expect(left(tryConfigAttr(plain, "bad"))).toBe("error: bad");
    expect(() => tryConfigAttr(plain, "bug")).toThrow(TypeError);
    // As Nix's tryEval, not an abort.
    expect(() => tryConfigAttr(plain, "stop")).toThrow(AbortError);
  });

  it("reads a config getter copied to another object as that object's getter does", () => {
    const { config } = evalModules({ modules: [{ options: { a: mkOption({ type: T.int }) } }] });
    // All descriptors (the slots too): the copy reads the same options.
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(config)) as Record<
      string,
      unknown
    >;
    expect(left(tryConfigAttr(copy, "a"))).toBe(thrown(copy, "a"));
    // The getter alone: reading fails without the slots, and so does trying.
    const alone = Object.defineProperty({}, "a", Object.getOwnPropertyDescriptor(config, "a")!) as Record<
      string,
      unknown
    >;
    expect(() => alone.a).toThrow(TypeError);
    expect(() => tryConfigAttr(alone, "a")).toThrow(TypeError);
  });

  it("does not catch an infinite recursion through the attribute (nor does Nix's tryEval)", () => {
    const { config } = evalModules({
      modules: [
        ({ config }: { config: Record<string, unknown> }) => ({
          options: { a: mkOption({ type: T.int }), b: mkOption({ type: T.int }) },
          config: {
            get a() {
              return config.b;
            },
            get b() {
              return E.isRight(tryConfigAttr(config, "a")) ? 1 : 0;
            },
          },
        }),
      ],
    });
    expect(() => config.a).toThrow(/infinite recursion/);
  });
});

describe("tryConfigAttr, as a property", () => {
  // An option of every kind the probe tells apart: with or without a default, without `apply`
  // or with one that uses its argument or takes none, its definitions valid, invalid,
  // conditional or overridden.
  const definition = fc.constantFrom<unknown>(
    1,
    2,
    "no",
    mkIf(false, 3),
    mkIf(true, 4),
    mkDefault(5),
    mkOverride(10, 6),
  );
  const option = fc.record({
    hasDefault: fc.boolean(),
    apply: fc.constantFrom("none", "uses", "ignores"),
    defs: fc.array(definition, { maxLength: 3 }),
  });
  const evaluate = (o: { hasDefault: boolean; apply: "none" | "uses" | "ignores"; defs: unknown[] }) =>
    evalModules({
      modules: [
        {
          options: {
            x: mkOption({
              type: T.int,
              ...(o.hasDefault ? { default: 0 } : {}),
              ...(o.apply === "uses" ? { apply: (v: number) => v + 100 } : {}),
              ...(o.apply === "ignores" ? { apply: () => 7 } : {}),
            }),
          },
        },
        ...o.defs.map((d, i) => ({ _file: `d${i}.nix`, x: d })),
      ],
    }).config as Record<string, unknown>;

  it("gives what reading the attribute gives: its value, or the error it throws, rendered alike", () => {
    fc.assert(
      fc.property(option, (o) => {
        const probed = tryConfigAttr(evaluate(o), "x");
        const config = evaluate(o);
        let read: E.Either<string, unknown>;
        try {
          read = E.right(config.x);
        } catch (e) {
          read = E.left(renderError(e));
        }
        expect(E.isLeft(probed) ? E.left(renderError(probed.left)) : probed).toEqual(read);
      }),
      { numRuns: 200 },
    );
  });

  it("usedButNotDefined: exactly the options with no definition, no default and no apply without parameters, whose reading fails", () => {
    fc.assert(
      fc.property(option, (o) => {
        const config = evaluate(o);
        const expected = o.defs.length === 0 && !o.hasDefault && o.apply !== "ignores";
        expect(usedButNotDefined(config, "x")).toBe(expected);
        // Asking evaluates nothing: the probe's answer is then the same, and reading fails.
        if (expected) expect(left(tryConfigAttr(config, "x"))).toContain("was accessed but has no value defined");
      }),
      { numRuns: 200 },
    );
  });
});

describe("usedButNotDefined", () => {
  it("is false for a subtree, an option read already, and what is not a config attribute", () => {
    const { config } = evalModules({
      modules: [{ options: { a: mkOption({ type: T.int }), t: { u: mkOption({ type: T.int }) } } }],
    });
    expect(usedButNotDefined(config, "t")).toBe(false);
    expect(usedButNotDefined(config.t, "u")).toBe(true);
    expect(usedButNotDefined(config, "a")).toBe(true);
    expect(() => config.a).toThrow(/was accessed but has no value defined/);
    // A failed read is not kept (reading again fails again): still so.
    expect(usedButNotDefined(config, "a")).toBe(true);
    expect(usedButNotDefined(config, "nope")).toBe(false);
    expect(usedButNotDefined({ a: 1 }, "a")).toBe(false);
  });
});

describe("the conformance harness's start-limit options (eval.nix: tryEval (deepSeq v true))", () => {
  const services = (burst: () => unknown): Record<string, Record<string, unknown>> => {
    const { config } = evalModules({
      modules: [
        ...defaultModules,
        {
          config: {
            systemd: {
              services: {
                a: {
                  script: "true",
                  get startLimitBurst() {
                    return burst();
                  },
                },
              },
            },
          },
        },
      ],
      specialArgs: { pkgs: makePkgs() },
    });
    return servicesJson(config.systemd.services) as Record<string, Record<string, unknown>>;
  };

  it("keeps a value and leaves out what nothing defines", () => {
    const a = services(() => 5).a!;
    expect(a.startLimitBurst).toBe(5);
    expect(a.unitConfig).toMatchObject({ StartLimitBurst: "5" });
    expect("startLimitIntervalSec" in a).toBe(false);
  });

  it("fails as Nix does when a definition fails: left out, then unitConfig reads it", () => {
    expect(() => services(() => throwError("no burst"))).toThrow(/^no burst$/);
    expect(() => services(() => "five")).toThrow(/not of type `signed integer'/);
  });

  it("an abort stops the printing (tryEval does not catch it)", () => {
    expect(() => services(() => abort("stop"))).toThrow(AbortError);
  });
});
