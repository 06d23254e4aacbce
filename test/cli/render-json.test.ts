// The JSON printer of `nixmod eval`: forced values, keys by code unit, packages as paths.
import { describe, expect, it } from "vitest";
import { makeDerivation } from "../../src/lib/module-codec.js";
import { renderJson, stringifyJson, toJsonValue } from "../../src/lib/render-json.js";
import { EvalError } from "../../src/lib/errors.js";

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
