import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { match, matcher, split } from "../../../src/lib/nix/regex.js";
import { fromJSON, toJSON } from "../../../src/lib/nix/json.js";

describe("builtins.match", () => {
  it("matches the whole string (results checked with nix-instantiate)", () => {
    expect(match("[[:alpha:]]+([[:digit:]]*)", "abc12")).toEqual(["12"]);
    expect(match("a.b", "a\nb")).toEqual([]);
    expect(match("ab", "abc")).toBeNull();
    expect(match("([a-z]+)-([0-9]+)?", "abc-")).toEqual(["abc", null]);
    expect(match("(a*)*b", "b")).toEqual([""]);
    expect(match("é+", "éé")).toBeNull(); // bytes, like Nix
    expect(match("(é)(.)", "éa")).toEqual(["é", "a"]);
  });

  it("rejects what libstdc++ rejects", () => {
    for (const bad of ["\\d", "\\n", "(a)\\1", "a{", "*a", "a|*b", "a{,2}", "[[:word:]]", "(a", "a)"]) {
      expect(() => match(bad, "x"), bad).toThrow(`invalid regular expression '${bad}'`);
    }
  });
});

describe("matcher (a type's check: does the string match?)", () => {
  const patterns = ["[a-z]+", "(a*)*b", "a.b", "é+", "(é)(.)", "[^\n\r]*\n?", "[a-c]*[.](x|yz)"];

  it("says what match says, for ASCII and other strings", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.string({ unit: fc.constantFrom("a", "b", "c", ".", "x", "yz", "é", "\n") }),
        (p, s) => {
          expect(matcher(p)(s)).toBe(match(p, s) !== null);
        },
      ),
    );
    expect([matcher("é+")("éé"), matcher("(a*)*b")("aab"), matcher("a.b")("a\nb")]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("fails on an invalid expression when it checks, as match does", () => {
    const m = matcher("(a");
    expect(() => m("x")).toThrow("invalid regular expression '(a'");
  });
});

describe("builtins.split", () => {
  it("splits like Nix", () => {
    expect(split("x*", "abc")).toEqual(["", [], "a", [], "b", [], "c", [], ""]);
    expect(split("a|ab", "xabc")).toEqual(["x", [], "c"]);
    expect(split("(a*)(ab)?", "aab")).toEqual(["", ["aa", null], "", ["", null], "b", ["", null], ""]);
    expect(split("(a|b)*", "abba")).toEqual(["", ["a"], "", [null], ""]);
  });
});

describe("JSON", () => {
  it("writes like builtins.toJSON", () => {
    expect(toJSON({ b: 1, a: [true, null, "x\u0001\b"], A: {} })).toBe(
      '{"A":{},"a":[true,null,"x\\u0001\\u0008"],"b":1}',
    );
    expect(toJSON({ __toString: () => "x", outPath: "/a" })).toBe('"x"');
    expect(toJSON([0.1 + 0.2, 1 / 3])).toBe("[0.3,0.333333]");
    expect(() => toJSON({ f: () => 1 })).toThrow("cannot convert a function to JSON");
  });

  it("reads into sets that inherit nothing", () => {
    const v = fromJSON('{"__proto__": {"x": 1}, "a": [1.5]}') as Record<string, unknown>;
    const proto = Object.getPrototypeOf(v) as object | null;
    expect(proto === null || (Reflect.ownKeys(proto).length === 0 && Object.isFrozen(proto))).toBe(true);
    expect(proto === null || Object.getPrototypeOf(proto) === null).toBe(true);
    expect("toString" in v).toBe(false);
    expect(Object.keys(v)).toEqual(["__proto__", "a"]);
  });
});
