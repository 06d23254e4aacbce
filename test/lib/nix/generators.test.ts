import { describe, expect, it } from "vitest";
import { showValue, toPretty, withRecursion } from "../../../src/lib/nix/generators.js";
import { toDerivation } from "../../../src/lib/nix/attrsets.js";
import { setFunctionArgs } from "../../../src/lib/nix/trivial.js";

describe("showValue (nix-instantiate --eval --strict)", () => {
  it("prints like Nix 2.8", () => {
    // expected output copied from nix-instantiate
    expect(
      showValue({
        a: 1,
        "b c": 'x"${y}\n\t\r\\',
        "0a": [],
        e: {},
        f: (x: unknown) => x,
        h: [null, true, false],
        __proto__x: 1,
        "a-b": 2,
        "a'": 3,
      }),
    ).toBe(
      '{ "0a" = [ ]; __proto__x = 1; a = 1; a\' = 3; a-b = 2; "b c" = "x\\"\\${y}\\n\\t\\r\\\\"; e = { }; f = <LAMBDA>; h = [ null true false ]; }',
    );
    expect(showValue({ if: 1, "": 2, "a.b": 3, _x: 4, "x${": 5, é: 6, or: 7 })).toBe(
      '{ "" = 2; _x = 4; "a.b" = 3; "if" = 1; or = 7; "x\\${" = 5; "é" = 6; }',
    );
    expect(showValue([1.5, 0.1, 1 / 3, 123456789.123, -1.5])).toBe("[ 1.5 0.1 0.333333 1.23457e+08 -1.5 ]");
    expect(showValue("a$")).toBe('"a$"');
    expect(showValue([])).toBe("[ ]");
    expect(showValue({})).toBe("{ }");
  });

  it("prints a cycle as «repeated»", () => {
    const drv = toDerivation("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x");
    expect(showValue(drv)).toBe(
      '{ name = "x"; out = «repeated»; outPath = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x"; outputName = "out"; outputs = [ "out" ]; type = "derivation"; }',
    );
  });
});

describe("toPretty", () => {
  it("shows functions with their formal arguments", () => {
    expect(toPretty(({ config, lib }: { config: unknown; lib: unknown }) => [config, lib])).toBe(
      "<function, args: {config, lib}>",
    );
    expect(toPretty(setFunctionArgs((x: unknown) => x, { b: true, a: false }))).toBe(
      "<function, args: {a, b?}>",
    );
    expect(toPretty({ __functor: () => (x: unknown) => x })).toBe("<function>");
  });

  it("renders multi-line strings and nesting", () => {
    expect(toPretty({ a: "x\ny", b: [{ c: null }] })).toBe(
      "{\n  a = ''\n    x\n    y'';\n  b = [\n    {\n      c = null;\n    }\n  ];\n}",
    );
  });
});

describe("withRecursion", () => {
  it("throws past the limit", () => {
    const v = withRecursion({ depthLimit: 1 })({ a: { b: { c: 1 } } }) as any;
    expect(() => toPretty(v)).toThrow(
      "Exceeded maximum eval-depth limit of 1 while trying to evaluate with `generators.withRecursion'!",
    );
  });

  it("can leave <unevaluated> instead", () => {
    expect(toPretty(withRecursion({ depthLimit: 1, throwOnDepthLimit: false }, { a: { b: 1 }, c: 2 }))).toBe(
      // as nix-instantiate prints it: leaves at depth 1 are past a limit of 1 too
      '{\n  a = {\n    b = "<unevaluated>";\n  };\n  c = "<unevaluated>";\n}',
    );
  });
});
