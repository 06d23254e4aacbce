// The `options` tree, extendModules and more error texts; expected values printed by real Nix.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { mkBefore, mkDefault, mkForce, mkIf, mkMerge } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";
import { errorAt } from "./helpers.js";

describe("the options tree", () => {
  const r = evalModules({
    modules: [
      {
        _file: "d.nix",
        options: { x: mkOption({ type: T.listOf(T.int), default: [0] }), y: mkOption({ type: T.int }) },
      },
      { _file: "a.nix", x: mkDefault([1]) },
      { _file: "b.nix", x: mkDefault([2]) },
      {
        options: {
          s: mkOption({
            type: T.attrsOf(
              T.submodule(({ name }: any) => ({ options: { n: mkOption({ default: name }) } })),
            ),
          }),
        },
        config: { s: { foo: {} } },
      },
    ],
  });

  it("per option: value, definitions, files, priority, declarations, loc, default", () => {
    const o = r.options.x;
    expect({
      declarations: o.declarations,
      default: o.default,
      definitions: o.definitions,
      definitionsWithLocations: o.definitionsWithLocations,
      files: o.files,
      highestPrio: o.highestPrio,
      isDefined: o.isDefined,
      loc: o.loc,
      value: o.value,
    }).toEqual({
      declarations: ["d.nix"],
      default: [0],
      definitions: [[2], [1]],
      definitionsWithLocations: [
        { file: "b.nix", value: [2] },
        { file: "a.nix", value: [1] },
      ],
      files: ["b.nix", "a.nix"],
      highestPrio: 1000,
      isDefined: true,
      loc: ["x"],
      value: [2, 1],
    });
  });

  it("an option without definitions", () => {
    expect([r.options.y.isDefined, r.options.y.highestPrio]).toEqual([false, 9999]);
  });

  it("submodules get their name; getSubOptions shows their options", () => {
    expect(r.config.s).toEqual({ foo: { n: "foo" } });
    expect("n" in r.options.s.type.getSubOptions(["s", "<name>"])).toBe(true);
  });

  it("extendModules adds modules without changing the original", () => {
    const e = r.extendModules({ modules: [{ x: mkForce([9]) }] });
    expect([e.config.x, r.config.x]).toEqual([[9], [2, 1]]);
  });
});

describe("more merges, as Nix does them", () => {
  it("attrsOf: mkIf false over a whole value, mkMerge of mkIf inside", () => {
    const mods = [
      { options: { x: mkOption({ type: T.attrsOf(T.int) }) } },
      { x: mkIf(false, { a: 1 }) },
      { x: { b: mkMerge([mkIf(true, 2)]) } },
    ];
    expect(evalModules({ modules: mods }).config.x).toEqual({ b: 2 });
  });

  it("attrsOf: mkForce over the whole value drops the other definitions", () => {
    const mods = [
      { options: { x: mkOption({ type: T.attrsOf(T.int) }) } },
      { x: mkForce({ a: 1 }) },
      { x: { b: 2 } },
    ];
    expect(evalModules({ modules: mods }).config.x).toEqual({ a: 1 });
  });

  it("attrsOf: mkForce on one attribute", () => {
    const mods = [
      { options: { x: mkOption({ type: T.attrsOf(T.str) }) } },
      { x: { a: mkForce("1") } },
      { x: { a: "2" } },
    ];
    expect(evalModules({ modules: mods }).config.x).toEqual({ a: "1" });
  });

  it("lines with mkBefore", () => {
    const mods = [
      { options: { x: mkOption({ type: T.lines }) } },
      { x: "a" },
      { x: mkBefore("b") },
      { x: "c\n" },
    ];
    expect(evalModules({ modules: mods }).config.x).toBe("b\nc\n\na");
  });

  it("nullOr submodule", () => {
    const sub = T.submodule({ options: { a: mkOption({ type: T.int, default: 1 }) } });
    const mods = [{ options: { x: mkOption({ type: T.nullOr(sub) }) } }, { x: {} }];
    expect(evalModules({ modules: mods }).config.x).toEqual({ a: 1 });
  });

  it("package turns a store path string into a derivation (printed as its path)", () => {
    const p = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo";
    const x = evalModules({ modules: [{ options: { x: mkOption({ type: T.package }) } }, { x: p }] }).config
      .x;
    expect([x.type, x.name, x.outPath, `${x}`]).toEqual(["derivation", "foo", p, p]);
  });

  it("the same option declared twice with the same type", () => {
    const mods = [
      { options: { x: mkOption({ type: T.int }) } },
      { options: { x: mkOption({ type: T.int }) } },
      { x: 1 },
    ];
    expect(evalModules({ modules: mods }).config.x).toBe(1);
  });
});

describe("more error texts", () => {
  it("mkIf with a non-Boolean condition", () => {
    const mods = [{ options: { x: mkOption({ type: T.int }) } }, { x: mkIf(1 as unknown as boolean, 2) }];
    expect(errorAt(mods, "x")).toBe("error: ‘mkIf’ called with a non-Boolean condition");
  });

  it("uniq defined twice", () => {
    const mods = [
      { options: { x: mkOption({ type: T.uniq(T.int) }) } },
      { _file: "a.nix", x: 1 },
      { _file: "b.nix", x: 1 },
    ];
    expect(errorAt(mods, "x")).toBe(
      [
        "error: The option `x' is defined multiple times while it's expected to be unique.",
        "",
        "       Definition values:",
        "       - In `b.nix': 1",
        "       - In `a.nix': 1",
        "       Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.",
      ].join("\n"),
    );
  });

  it("unique with a message", () => {
    const mods = [
      { options: { x: mkOption({ type: T.unique({ message: "Only one please." }, T.int) }) } },
      { _file: "a.nix", x: 1 },
      { _file: "b.nix", x: 2 },
    ];
    expect(errorAt(mods, "x")).toBe(
      [
        "error: The option `x' is defined multiple times while it's expected to be unique.",
        "       Only one please.",
        "       Definition values:",
        "       - In `b.nix': 2",
        "       - In `a.nix': 1",
        "       Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.",
      ].join("\n"),
    );
  });

  it("either of two types that do not merge", () => {
    const mods = [
      { options: { x: mkOption({ type: T.either(T.int, T.listOf(T.int)) }) } },
      { x: 1 },
      { x: [2] },
    ];
    expect(errorAt(mods, "x")).toMatch(
      /^error: The option `x' is defined multiple times while it's expected to be unique\.\n\n/,
    );
  });

  it("two mkDefault strings conflict (files unknown)", () => {
    const mods = [
      { options: { x: mkOption({ type: T.str }) } },
      { x: mkDefault("a") },
      { x: mkDefault("b") },
    ];
    expect(errorAt(mods, "x")).toMatch(
      // (inline modules: the file that called evalModules, where Nix says `<unknown-file>')
      /^error: The option `x' has conflicting definition values:\n {7}- In `test\/engine\/helpers.ts': "b"\n {7}- In `test\/engine\/helpers.ts': "a"\n/,
    );
  });

  it("an option declaration that is not an attribute set", () => {
    expect(errorAt([{ options: { x: 5 } }], "x")).toBe(
      [
        "error: An option declaration for `x' has type",
        "       `int' rather than an attribute set.",
        "       Did you mean to define this outside of `options'?",
      ].join("\n"),
    );
  });

  it("a float option given an int", () => {
    expect(errorAt([{ options: { x: mkOption({ type: T.float }) } }, { x: 1 }], "x")).toBe(
      "error: A definition for option `x' is not of type `floating point number'. Definition values:\n       - In `test/engine/helpers.ts': 1",
    );
  });
});
