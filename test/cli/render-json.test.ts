// The JSON printer of `nixmod eval`: forced values, keys by code unit, packages as paths.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDerivation } from "../../src/loader/module-codec.js";
import { renderJson, stringifyJson, toJsonValue, type Json } from "../../src/tools/render-json.js";
import { EvalError } from "../../src/lib/errors.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { types } from "../../src/types/index.js";

describe("renderJson", () => {
  it("sorts keys by code unit, integer-like keys included", () => {
    expect(renderJson({ b: 1, a: [true, null], "10": "x", "9": "y", B: {} }, {}, 0)).toBe(
      '{"10":"x","9":"y","B":{},"a":[true,null],"b":1}',
    );
  });

  it("indents with two spaces and prints empty containers inline", () => {
    expect(renderJson({ a: [], b: { c: [1] } })).toBe(
      '{\n  "a": [],\n  "b": {\n    "c": [\n      1\n    ]\n  }\n}',
    );
  });

  it("forces getters and prints packages as their outPath", () => {
    let reads = 0;
    const drv = makeDerivation({ type: "derivation", name: "hello", outPath: "/nix/store/abc-hello" });
    const v = {
      get lazy() {
        reads++;
        return { pkg: drv };
      },
    };
    expect(toJsonValue(v)).toEqual({ lazy: { pkg: "/nix/store/abc-hello" } });
    expect(reads).toBe(1);
  });

  it("keeps __proto__ as a key", () => {
    const o = Object.create(null);
    Object.defineProperty(o, "__proto__", { value: 1, enumerable: true });
    expect(renderJson(o, {}, 0)).toBe('{"__proto__":1}');
    expect(stringifyJson(toJsonValue(o), 0)).toBe('{"__proto__":1}');
  });

  it("drops _module when asked and can omit attributes by path", () => {
    const v = { s: { _module: { args: () => 1 }, keep: 1, drop: 2 } };
    expect(
      toJsonValue(v, { dropModule: true, omit: (_a, p) => (p.join(".") === "s" ? ["drop"] : []) }),
    ).toEqual({
      s: { keep: 1 },
    });
  });

  it("cannot print functions, like Nix", () => {
    expect(() => toJsonValue({ f: () => 1 })).toThrow(EvalError);
    expect(() => toJsonValue({ f: () => 1 })).toThrow("cannot convert a function to JSON");
  });

  it("escapes strings like JSON", () => {
    expect(renderJson('a"b\\c\n\u0001é', {}, 0)).toBe('"a\\"b\\\\c\\n\\u0001é"');
  });
});

describe("omitUndefined", () => {
  const { config } = evalModules({
    modules: [
      {
        options: {
          s: {
            noDefault: mkOption({ type: types.int }),
            defined: mkOption({ type: types.int }),
            withDefault: mkOption({ type: types.int, default: 3 }),
          },
        },
        config: { s: { defined: 2 } },
      },
    ],
  });

  it("leaves out the options nothing defines and that have no default, which fail otherwise", () => {
    expect(toJsonValue(config.s, { omitUndefined: true })).toEqual({ defined: 2, withDefault: 3 });
    expect(() => toJsonValue(config.s)).toThrow("The option `s.noDefault' was accessed but has no value defined. Try setting the option.");
  });

  it("still fails on an option whose definitions fail", () => {
    const bad = evalModules({
      modules: [{ options: { x: mkOption({ type: types.int }) }, config: { x: "one" } }],
    }).config;
    expect(() => toJsonValue(bad, { omitUndefined: true })).toThrow(/is not of type `signed integer'/);
  });
});

describe("stringifyJson", () => {
  // Names of every kind: array indexes (which objects list first), near misses, and others.
  const name = fc.oneof(
    fc.constantFrom("0", "1", "9", "10", "4294967294", "4294967295", "01", "-1", "1.5", "", "__proto__"),
    fc.string({ maxLength: 4 }),
  );
  const { json } = fc.letrec<{ json: Json }>((tie) => ({
    json: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom<Json>(null, true, false, 0, -1.5, 1e21, "", 'a"\n\u2028'),
      fc.string(),
      fc.array(tie("json"), { maxLength: 4 }),
      fc.dictionary(name, tie("json"), { maxKeys: 5 }),
    ),
  }));
  /** The same data, every object's names added in reverse code-unit order. */
  const reversed = (v: Json): Json => {
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map(reversed);
    const out = Object.create(null) as Record<string, Json>;
    for (const k of Object.keys(v).sort().reverse()) out[k] = reversed(v[k]!);
    return out;
  };

  it("prints data whose names are in order (JSON.stringify) as data whose names are not (its own walk)", () => {
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2), (v, indent) => {
        const sorted = toJsonValue(v);
        expect(stringifyJson(sorted, indent)).toBe(stringifyJson(reversed(sorted), indent));
      }),
      { numRuns: 300 },
    );
  });

  it("prints what JSON.parse reads back as the same data", () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(JSON.parse(stringifyJson(toJsonValue(v)))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 200 },
    );
  });
});
