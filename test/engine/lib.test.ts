// The `lib` handed to modules: the helpers NixOS modules use, through the module argument,
// against what real Nix printed (nixpkgs lib 2023-07) for the same calls.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { lib as L } from "../../src/lib/lib.js";
import { compareCodeUnits, sortNames } from "../../src/lib/attrs-lazy.js";
import fc from "fast-check";
import { mkOption } from "../../src/lib/options.js";
import { types as T } from "../../src/types/index.js";

// An attribute set whose names sort differently by byte order, by locale, and by JS's integer-key order.
const s = { b: 1, a: 2, B: 3, _x: 4, "10": 5, "9": 6, é: 7, Z: 8 };
const byteOrder = ["10", "9", "B", "Z", "_x", "a", "b", "é"];

/** The `lib` a module receives. */
const moduleLib = (): typeof L => {
  let got: typeof L | undefined;
  const { config } = evalModules({
    modules: [
      { options: { x: mkOption({ default: 1 }) } },
      ({ lib }: { lib: typeof L }) => {
        got = lib;
        return {};
      },
    ],
  });
  expect(config.x).toBe(1);
  return got!;
};

describe("lib as handed to modules", () => {
  const lib = moduleLib();

  it("is the library object", () => {
    expect(lib.mkOption).toBe(mkOption);
    expect(lib.types.str).toBe(T.str);
  });

  it("escapeShellArg, escapeShellArgs", () => {
    expect(lib.escapeShellArg("it's $HOME")).toBe("'it'\\''s $HOME'");
    expect(lib.escapeShellArgs(["a b", "", "x'y"])).toBe("'a b' '' 'x'\\''y'");
  });

  it("optional, optionals, optionalString, optionalAttrs", () => {
    expect([
      lib.optional(true, 1),
      lib.optional(false, 1),
      lib.optionals(true, [1, 2]),
      lib.optionals(false, [1]),
    ]).toEqual([[1], [], [1, 2], []]);
    expect([lib.optionalString(true, "x"), lib.optionalString(false, "x")]).toEqual(["x", ""]);
    expect([lib.optionalAttrs(true, { a: 1 }), lib.optionalAttrs(false, { a: 1 })]).toEqual([{ a: 1 }, {}]);
  });

  it("attrNames and mapAttrsToList sort by bytes, not by locale or integer keys", () => {
    expect(lib.attrNames(s)).toEqual(byteOrder);
    expect(lib.mapAttrsToList((n: string, v: number) => `${n}=${v}`, s)).toEqual([
      "10=5",
      "9=6",
      "B=3",
      "Z=8",
      "_x=4",
      "a=2",
      "b=1",
      "é=7",
    ]);
    expect(lib.concatMapStrings((n: string) => n, lib.attrNames(s))).toBe("109BZ_xabé");
  });

  it("byte order puts characters above U+FFFF after U+E000..U+FFFF, like UTF-8", () => {
    // Nix: builtins.attrNames { "＀" = 1; "😀" = 2; "a" = 3; } == [ "a" "＀" "😀" ]
    expect(lib.attrNames({ "😀": 2, "＀": 1, a: 3 })).toEqual(["a", "＀", "😀"]);
    expect(compareCodeUnits("\u{1F600}", "\uFF00")).toBeGreaterThan(0);
    expect(compareCodeUnits("\uD7FF", "\u{10000}")).toBeLessThan(0);
    expect(compareCodeUnits("ab", "abc")).toBeLessThan(0);
    expect(compareCodeUnits("abc", "abc")).toBe(0);
  });

  it("sortNames (the native sort, checked) is compareCodeUnits' order, surrogates and all", () => {
    expect(sortNames(["😀", "＀", "a", "b"])).toEqual(["a", "b", "＀", "😀"]);
    const name = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 4 }),
      fc.string({ unit: "binary", maxLength: 4 }),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), (names) => {
        expect(sortNames(names.slice())).toEqual(names.slice().sort(compareCodeUnits));
      }),
    );
  });

  it("mapAttrs, mapAttrs' (mapAttrsPrime), nameValuePair, filterAttrs", () => {
    expect(lib.mapAttrs((n: string, v: number) => n + String(v), { b: 1, a: 2 })).toEqual({
      a: "a2",
      b: "b1",
    });
    expect(
      lib.mapAttrsPrime((n: string, v: number) => lib.nameValuePair(`k${n}`, v * 10), { b: 1, a: 2 }),
    ).toEqual({
      ka: 20,
      kb: 10,
    });
    expect(lib["mapAttrs'"]).toBe(lib.mapAttrsPrime);
    expect(lib["foldl'"]((acc: number, x: number) => acc * 10 + x, 0, [1, 2, 3])).toBe(123);
    expect(lib.nameValuePair("n", 1)).toEqual({ name: "n", value: 1 });
    const big = lib.filterAttrs((_n: string, v: number) => v > 4, s);
    expect(lib.attrNames(big)).toEqual(["10", "9", "Z", "é"]);
    expect(big).toEqual({ "10": 5, "9": 6, Z: 8, é: 7 });
  });

  it("mapAttrs and filterAttrs on names keep values unevaluated", () => {
    let reads = 0;
    const lazy = {
      get a() {
        reads++;
        return 1;
      },
      b: 2,
    };
    const mapped = lib.mapAttrs((_n: string, v: number) => v + 1, lazy);
    const filtered = lib.filterAttrs((n: string) => n === "a", lazy);
    expect(reads).toBe(0);
    expect([mapped.a, mapped.a, filtered.a]).toEqual([2, 2, 1]);
  });

  it("concatStringsSep, concatMapStrings, concatLists", () => {
    expect(lib.concatStringsSep(", ", ["a", "b", "c"])).toBe("a, b, c");
    expect(lib.concatMapStrings((x: string) => x + ";", ["a", "b"])).toBe("a;b;");
    expect(lib.concatLists([[1], [], [2, 3]])).toEqual([1, 2, 3]);
  });

  it("versionAtLeast", () => {
    const pairs: [string, string, boolean][] = [
      ["1.2.3", "1.2", true],
      ["1.2", "1.2.3", false],
      ["20.10", "20.9", true],
      ["1.0pre1", "1.0", false],
      ["2", "2.0", false],
      ["1.10", "1.9", true],
    ];
    for (const [a, b, want] of pairs) expect([a, b, lib.versionAtLeast(a, b)]).toEqual([a, b, want]);
  });

  it("showOption quotes what is not an identifier", () => {
    expect(
      [
        ["a", "b"],
        ["a", "b.c"],
        ["x", "<name>", "y"],
        ["a", "*"],
        ["services", "foo-bar", "1x"],
        ["a b"],
      ].map(lib.showOption),
    ).toEqual(["a.b", 'a."b.c"', "x.<name>.y", "a.*", 'services.foo-bar."1x"', '"a b"']);
  });

  it("toList", () => {
    expect([lib.toList(1), lib.toList([1, 2]), lib.toList([])]).toEqual([[1], [1, 2], []]);
  });

  it("recursiveUpdate", () => {
    expect(lib.recursiveUpdate({ a: { b: 1, c: 2 }, d: 1 }, { a: { b: 3, e: 4 }, d: { f: 1 } })).toEqual({
      a: { b: 3, c: 2, e: 4 },
      d: { f: 1 },
    });
  });
});

describe("config attribute sets are ordered like Nix", () => {
  it("an attrsOf value lists its names in byte order", () => {
    const { config } = evalModules({
      modules: [
        { options: { s: mkOption({ type: T.attrsOf(T.int) }) } },
        { s: { b: 1, "10": 2 } },
        { s: { "9": 3, B: 4, "😀": 5, "＀": 6 } },
      ],
    });
    expect(L.attrNames(config.s)).toEqual(["10", "9", "B", "b", "＀", "😀"]);
    expect(L.mapAttrsToList((n: string) => n, config.s)).toEqual(["10", "9", "B", "b", "＀", "😀"]);
  });
});
