import { withLibRevision } from "../../../src/lib/lib-revision.js";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  coerceToString,
  escapeShellArg,
  escapeShellArgIfNeeded,
  escapeShellArgQuoted,
  indentStrip,
  makeBinPath,
  makeSearchPathOutput,
  nixIndented,
  replaceStrings,
  stripIndentation,
  toString,
} from "../../../src/lib/nix/strings.js";
import { toDerivation } from "../../../src/lib/nix/attrsets.js";

describe("toString and coercion", () => {
  it("matches builtins.toString", () => {
    expect(toString(true)).toBe("1");
    expect(toString(false)).toBe("");
    expect(toString(null)).toBe("");
    expect(toString(1.5)).toBe("1.500000");
    expect(toString([1, [], 2])).toBe("1 2");
    expect(toString([1, []])).toBe("1 ");
    expect(toString([null, 1])).toBe(" 1");
    expect(toString({ __toString: () => [1, 2], outPath: "/a" })).toBe("1 2");
    expect(toString({ outPath: { outPath: "/z" } })).toBe("/z");
  });

  it("errors like Nix", () => {
    expect(() => toString({})).toThrow("cannot coerce a set to a string");
    expect(() => toString(() => 1)).toThrow("cannot coerce a function to a string");
    expect(() => coerceToString(1)).toThrow("cannot coerce an integer to a string");
  });

  it("interpolates derivations by outPath", () => {
    const drv = toDerivation("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-1.0");
    expect(coerceToString(drv)).toBe("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-1.0");
    expect(makeBinPath([drv])).toBe("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-1.0/bin");
    expect(makeSearchPathOutput("bin", "sbin", [drv])).toBe(
      "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-1.0/sbin",
    );
  });
});

describe("escapeShellArg", () => {
  it("always quotes (nixpkgs 2023-07)", () => {
    withLibRevision("2023-07", () => {
      expect(escapeShellArg("abc")).toBe("'abc'");
      expect(escapeShellArg("it's")).toBe("'it'\\''s'");
      expect(escapeShellArg(1)).toBe("'1'");
    });
    expect(escapeShellArgQuoted("abc")).toBe("'abc'");
  });
  it("leaves a word of safe characters unquoted (nixpkgs 2025-06, the default)", () => {
    expect(escapeShellArg("abc")).toBe("abc");
    expect(escapeShellArg("--pull=x")).toBe("'--pull=x'");
    expect(escapeShellArg("")).toBe("''");
    expect(escapeShellArg(1)).toBe("1");
    expect(withLibRevision("2023-07", () => escapeShellArgIfNeeded("abc"))).toBe("abc");
  });
});

/** Nix's replaceStrings as its C++ states it: position by position, the first matching pattern wins. */
function replaceStringsModel(from: string[], to: string[], s: string): string {
  let res = "";
  for (let p = 0; p <= s.length; ) {
    const i = from.findIndex((pat) => s.startsWith(pat, p));
    if (i < 0) {
      res += s.slice(p, p + 1);
      p++;
    } else if (from[i] === "") {
      res += to[i]! + s.slice(p, p + 1);
      p++;
    } else {
      res += to[i];
      p += from[i]!.length;
    }
  }
  return res;
}

describe("replaceStrings", () => {
  it("agrees with the position-by-position model (empty patterns included)", () => {
    const small = fc.string({ unit: fc.constantFrom("a", "b", "'", "\\", "\n"), maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(small, small), { maxLength: 4 }),
        fc.string({ unit: fc.constantFrom("a", "b", "c", "'", "\\", "\n"), maxLength: 30 }),
        (pairs, s) => {
          const from = pairs.map(([f]) => f);
          const to = pairs.map(([, t]) => t);
          expect(replaceStrings(from, to, s)).toBe(replaceStringsModel(from, to, s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rejects lists of different lengths", () => {
    expect(() => replaceStrings(["a"], [], "a")).toThrow(
      "'from' and 'to' arguments to 'replaceStrings' have different lengths",
    );
  });
});

describe("indented strings", () => {
  it("strips the common indentation like ''...''", () => {
    expect(indentStrip("\n  a\n    b\n  c\n")).toBe("a\n  b\nc\n");
    expect(indentStrip("\n  a\n\n  b\n  ")).toBe("a\n\nb\n");
    expect(indentStrip("\n\ta\n\tb\n")).toBe("\ta\n\tb\n");
    expect(indentStrip("\n    a\n  b\n")).toBe("  a\nb\n");
    expect(indentStrip("x\n  y\n")).toBe("x\n  y\n");
    expect(indentStrip("   \n  a\n")).toBe("a\n");
    expect(indentStrip("\n  a\n \tb\n")).toBe(" a\n\tb\n");
  });

  it("leaves interpolated text alone", () => {
    const v = "X\n  Y";
    expect(nixIndented`
    a
      ${v}
    b ${v}
  `).toBe("a\n  X\n  Y\nb X\n  Y\n");
    expect(stripIndentation(["\n  ", { antiquote: "X" }, "\n    a\n  "])).toBe("X\n  a\n");
  });
});
