// Type descriptions, each checked against real Nix (`(lib.types.X).description`, nixpkgs lib 2023-07).
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { types as t, type OptionType } from "../../src/types/index.js";
import { setLibRevision, withLibRevision } from "../../src/lib/lib-revision.js";
import { captureTraces } from "../../src/lib/nix/trivial.js";

// The descriptions of the 2023-07 lib (those of 2025-06 where they differ: at the end).
setLibRevision("2023-07");

const singleton = (x: unknown): unknown[] => [x];

const cases: [string, OptionType, string][] = [
  ["listOf str", t.listOf(t.str), "list of string"],
  ["attrsOf (submodule {})", t.attrsOf(t.submodule({})), "attribute set of (submodule)"],
  ["nullOr str", t.nullOr(t.str), "null or string"],
  ['enum ["podman" "docker"]', t.enum(["podman", "docker"]), 'one of "podman", "docker"'],
  [
    "coercedTo path singleton (listOf path)",
    t.coercedTo(t.path, singleton, t.listOf(t.path)),
    "(list of path) or path convertible to it",
  ],
  ["either int str", t.either(t.int, t.str), "signed integer or string"],
  ["oneOf [int str bool]", t.oneOf([t.int, t.str, t.bool]), "signed integer or string or boolean"],
  ["listOf (either int str)", t.listOf(t.either(t.int, t.str)), "list of (signed integer or string)"],
  ["attrsOf (listOf int)", t.attrsOf(t.listOf(t.int)), "attribute set of list of signed integer"],
  ["nullOr (listOf str)", t.nullOr(t.listOf(t.str)), "null or (list of string)"],
  ["lazyAttrsOf int", t.lazyAttrsOf(t.int), "lazy attribute set of signed integer"],
  ["uniq int", t.uniq(t.int), "signed integer"],
  ["functionTo int", t.functionTo(t.int), "function that evaluates to a(n) signed integer"],
  ['separatedString ","', t.separatedString(","), 'strings concatenated with ","'],
  ["lines", t.lines, 'strings concatenated with "\\n"'],
  ["commas", t.commas, 'strings concatenated with ","'],
  ["envVar", t.envVar, 'strings concatenated with ":"'],
  ['strMatching "a.*"', t.strMatching("a.*"), "string matching the pattern a.*"],
  ["ints.between 1 5", t.ints.between(1, 5), "integer between 1 and 5 (both inclusive)"],
  ["port", t.port, "16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
  ["ints.u8", t.ints.u8, "8 bit unsigned integer; between 0 and 255 (both inclusive)"],
  ["ints.s8", t.ints.s8, "8 bit signed integer; between -128 and 127 (both inclusive)"],
  ["ints.u16", t.ints.u16, "16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
  ["ints.s32", t.ints.s32, "32 bit signed integer; between -2147483648 and 2147483647 (both inclusive)"],
  ["ints.u32", t.ints.u32, "32 bit unsigned integer; between 0 and 4294967295 (both inclusive)"],
  ["ints.unsigned", t.ints.unsigned, "unsigned integer, meaning >=0"],
  ["ints.positive", t.ints.positive, "positive integer, meaning >0"],
  ["float", t.float, "floating point number"],
  ["number", t.number, "signed integer or floating point number"],
  ["nonEmptyStr", t.nonEmptyStr, "non-empty string"],
  ["singleLineStr", t.singleLineStr, "(optionally newline-terminated) single-line string"],
  ["package", t.package, "package"],
  ["anything", t.anything, "anything"],
  ["raw", t.raw, "raw value"],
  ["attrs", t.attrs, "attribute set"],
  ["unspecified", t.unspecified, "unspecified value"],
  ["deferredModule", t.deferredModule, "module"],
  ["submoduleWith { modules = []; }", t.submoduleWith({ modules: [] }), "submodule"],
  ["enum []", t.enum([]), "impossible (empty enum)"],
  ["enum [1 true null]", t.enum([1, true, null] as unknown as number[]), "one of 1, true, <null>"],
  [
    "coercedTo int toString str",
    t.coercedTo(t.int, String, t.str),
    "string or signed integer convertible to it",
  ],
  ["listOf (submodule {})", t.listOf(t.submodule({})), "list of (submodule)"],
  ["addCheck int (x: true)", t.addCheck(t.int, () => true), "signed integer"],
  ["int", t.int, "signed integer"],
  ["bool", t.bool, "boolean"],
  ["path", t.path, "path"],
  ["nullOr (either int str)", t.nullOr(t.either(t.int, t.str)), "null or signed integer or string"],
  ["either (listOf int) str", t.either(t.listOf(t.int), t.str), "(list of signed integer) or string"],
  ["attrsOf (nullOr str)", t.attrsOf(t.nullOr(t.str)), "attribute set of (null or string)"],
  [
    "functionTo (listOf str)",
    t.functionTo(t.listOf(t.str)),
    "function that evaluates to a(n) list of string",
  ],
  ['listOf (enum ["a"])', t.listOf(t.enum(["a"])), 'list of value "a" (singular enum)'],
];

describe("type descriptions as Nix prints them", () => {
  it.each(cases)("%s", (_nix, type, description) => {
    expect(type.description).toBe(description);
  });

  it("a submodule type in an option of a merged declaration keeps its description", () => {
    const decl = (o: string) => ({
      options: {
        s: mkOption({ type: t.attrsOf(t.submodule({ options: { [o]: mkOption({ default: 1 }) } })) }),
      },
    });
    const { options } = evalModules({ modules: [decl("a"), decl("b")] });
    expect(options.s.type.description).toBe("attribute set of (submodule)");
  });
});

describe("coercedTo path singleton (listOf path)", () => {
  const opt = { options: { p: mkOption({ type: t.coercedTo(t.path, singleton, t.listOf(t.path)) }) } };

  it("coerces a path into a list", () => {
    expect(evalModules({ modules: [opt, { p: "/a" }] }).config.p).toEqual(["/a"]);
  });

  it("merges a coerced path with a list", () => {
    expect(evalModules({ modules: [opt, { p: "/a" }, { p: ["/b"] }] }).config.p).toEqual(["/b", "/a"]);
  });

  it("rejects other values with the full description", () => {
    expect(() => evalModules({ modules: [opt, { _file: "f.nix", p: 3 }] }).config.p).toThrow(
      "A definition for option `p' is not of type `(list of path) or path convertible to it'. Definition values:\n- In `f.nix': 3",
    );
  });
});

describe("type descriptions of the 2025-06 lib (checked against real Nix with it)", () => {
  it("a path is an absolute path, wherever it is named", () => {
    withLibRevision("2025-06", () => {
      expect(t.path.description).toBe("absolute path");
      expect(t.coercedTo(t.path, singleton, t.listOf(t.path)).description).toBe(
        "(list of absolute path) or absolute path convertible to it",
      );
      expect(t.attrsOf(t.nullOr(t.oneOf([t.str, t.path, t.package]))).description).toBe(
        "attribute set of (null or string or absolute path or package)",
      );
    });
  });

  it("a description made under one revision is made again under the other", () => {
    const ty = t.listOf(t.path);
    expect(ty.description).toBe("list of path");
    expect(withLibRevision("2025-06", () => ty.description)).toBe("list of absolute path");
    expect(ty.description).toBe("list of path");
  });
});

describe("descriptions of a noun with a clause (each checked against real Nix with both libs)", () => {
  const cases: [OptionType, string, string][] = [
    [
      t.listOf(t.ints.unsigned),
      "list of unsigned integer, meaning >=0",
      "list of (unsigned integer, meaning >=0)",
    ],
    [
      t.either(t.ints.positive, t.str),
      "positive integer, meaning >0 or string",
      "positive integer, meaning >0, or string",
    ],
    [
      t.either(t.str, t.ints.unsigned),
      "string or unsigned integer, meaning >=0",
      "string or (unsigned integer, meaning >=0)",
    ],
    [
      t.nullOr(t.passwdEntry(t.str)),
      "null or string, not containing newlines or colons",
      "null or (string, not containing newlines or colons)",
    ],
    [
      t.attrsOf(t.numbers.nonnegative),
      "attribute set of (nonnegative integer or floating point number, meaning >=0)",
      "attribute set of (nonnegative integer or floating point number, meaning >=0)",
    ],
    [
      t.either(t.numbers.positive, t.int),
      "positive integer or floating point number, meaning >0 or signed integer",
      "positive integer or floating point number, meaning >0, or signed integer",
    ],
    [
      t.nonEmptyListOf(t.ints.unsigned),
      "non-empty (list of unsigned integer, meaning >=0)",
      "non-empty (list of (unsigned integer, meaning >=0))",
    ],
    [
      t.uniq(t.listOf(t.ints.u8)),
      "list of 8 bit unsigned integer; between 0 and 255 (both inclusive)",
      "list of 8 bit unsigned integer; between 0 and 255 (both inclusive)",
    ],
    [
      t.passwdEntry(t.path),
      "path, not containing newlines or colons",
      "absolute path, not containing newlines or colons",
    ],
  ];
  it.each(cases)("%#: under 2023-07 and 2025-06", (ty, of2023, of2025) => {
    expect([
      withLibRevision("2023-07", () => ty.description),
      withLibRevision("2025-06", () => ty.description),
    ]).toEqual([of2023, of2025]);
  });
});

describe("types.string, deprecated (the warnings real Nix printed with each lib)", () => {
  it("2023-07: a warning for each option of the type read; 2025-06: one, when the type is first used", () => {
    const ansi = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m", "g");
    const read = () => {
      const { traces } = captureTraces(() => {
        const m = {
          _file: "decl.nix",
          options: { x: mkOption({ type: t.string }), y: mkOption({ type: t.string }) },
        };
        const { config } = evalModules({ modules: [m, { x: "a", y: "b" }] });
        return [config.x, config.y];
      });
      return traces.map((s) => s.replace(ansi, ""));
    };
    const url = "See https://github.com/NixOS/nixpkgs/pull/66346 for better alternative types.";
    expect(withLibRevision("2023-07", read)).toEqual([
      `warning: The type \`types.string' of option \`x' defined in \`decl.nix' is deprecated. ${url}`,
      `warning: The type \`types.string' of option \`y' defined in \`decl.nix' is deprecated. ${url}`,
    ]);
    const once = `evaluation warning: The type \`types.string\` is deprecated. ${url}`;
    expect([withLibRevision("2025-06", read), withLibRevision("2025-06", read)]).toEqual([[once], []]);
  });
});
