/**
 * Scenarios written by hand for the differential test: the repros of what a differential
 * test against real Nix found (issue 28), of where the nixpkgs libs of 2023-07 and 2025-06
 * differ, and variations of them. Nix's results for them are recorded with the random ones
 * (record.ts), with each lib.
 */
import type { ModuleSpec, OptTree, Scenario, Ty, Val } from "./scenario.js";

const opt = (
  type: Ty | undefined,
  more: { default?: Val; readOnly?: true; apply?: "id" | "const" | "not" | "list" } = {},
) => ({
  $opt: { type, ...more },
});
const force = (content: Val): Val => ({ $override: 50, content });
const mkIf = (cond: Val, then: Val): Val => ({ $if: cond, then });
const ref = (...path: string[]): Val => ({ $ref: path });

/** A scenario whose modules are given by their config, files m1.nix, m2.nix, ... */
const scenario = (name: string, options: OptTree, configs: Val[], reads?: string[][]): Scenario => ({
  name,
  options,
  modules: configs.map((config, i) => ({ file: `m${i + 1}.nix`, config })),
  reads: reads ?? Object.keys(options).map((n) => [n]),
});

const group = { g: { o: opt("int", { default: 1 }) } };
const withBool = { b: opt("bool", { default: true }) };

export const repros: Scenario[] = [
  // 1. A property around a value that is no attribute set, where options are declared below.
  scenario("group-mkForce-string", group, [{ g: force("x") }]),
  scenario("group-mkIf-false-integer", group, [mkIf(false, { g: 1 })]),
  scenario("group-mkIf-true-list", group, [{ g: mkIf(true, [1]) }]),
  scenario("group-mkDefault-mkIf-false-null", group, [
    { g: { $override: 1000, content: mkIf(false, null) } },
  ]),
  scenario("group-mkMerge-of-properties", group, [{ g: { $merge: [force({ o: 2 }), mkIf(false, true)] } }]),
  scenario("group-mkIf-reading-config", { ...group, ...withBool }, [{ g: mkIf(ref("b"), "x") }]),
  scenario("group-nested", { g: { h: { o: opt("int", { default: 1 }) } } }, [{ g: mkIf(false, { h: "x" }) }]),
  scenario("module-config-mkForce-string", group, [force("x")]),
  scenario("group-in-submodule", { s: opt(["submodule", group]) }, [{ s: { g: force(1) } }]),
  scenario("group-mkForce-set", group, [{ g: force({ o: 2 }) }, { g: { o: 3 } }]),
  scenario("group-plain-string", group, [{ g: "x" }]),
  scenario("group-mkOrder", group, [{ g: { $order: 500, content: { o: 2 } } }]),
  scenario("undeclared-mkIf-false", { a: opt("int", { default: 0 }) }, [{ z: mkIf(false, "x") }]),

  // 2. Which error wins, and definitions printed as Nix's tryEval prints them.
  scenario("readOnly-mkIf-false", { x: opt("int", { readOnly: true, default: 3 }) }, [{ x: mkIf(false, 1) }]),
  scenario("readOnly-two-definitions", { x: opt("int", { readOnly: true }) }, [{ x: 1 }, { x: 2 }]),
  scenario(
    "readOnly-definition-failing",
    { x: opt("int", { readOnly: true, default: 3 }), y: opt("int") },
    [{ x: ref("y") }],
    [["x"]],
  ),
  scenario("readOnly-not-of-type", { x: opt("int", { readOnly: true, default: 3 }) }, [{ x: "s" }]),
  scenario(
    "not-of-type-list-reading-undefined",
    { x: opt("int"), y: opt("int") },
    [{ x: [ref("y")] }],
    [["x"]],
  ),
  scenario(
    "not-of-type-list-reading-conflict",
    { x: opt("str"), y: opt("int") },
    [{ x: [ref("y")], y: 1 }, { y: 2 }],
    [["x"]],
  ),
  scenario("conflict-with-read-value", { x: opt("str"), y: opt("str", { default: "b" }) }, [
    { x: "a" },
    { x: ref("y") },
  ]),
  scenario("undeclared-reading-undefined", { y: opt("int") }, [{ z: [ref("y")] }]),

  // 3. An mkIf whose condition reads config, printed with the condition's value.
  scenario("undeclared-mkIf-reading-config", withBool, [mkIf(ref("b"), { h: 1 })]),
  scenario("mkIf-in-a-value", { x: opt("int"), ...withBool }, [{ x: { a: mkIf(ref("b"), 1) } }], [["x"]]),
  scenario(
    "mkOrder-of-mkIf",
    { x: opt("int"), ...withBool },
    [{ x: { $order: 500, content: mkIf(ref("b"), 1) } }],
    [["x"]],
  ),
  scenario("mkIf-condition-failing", { y: opt("bool") }, [{ h: mkIf(ref("y"), 1) }]),
  scenario("mkIf-in-a-list", { x: opt("str"), ...withBool }, [{ x: [mkIf(ref("b"), 1)] }], [["x"]]),

  // 4. apply: the merged value is forced first, unless apply ignores it.
  scenario("apply-not-undefined", { x: opt("bool", { apply: "not" }) }, []),
  scenario("apply-not-conflicting", { x: opt("bool", { apply: "not" }) }, [{ x: true }, { x: false }]),
  scenario("apply-const-undefined", { x: opt("int", { apply: "const" }) }, []),
  scenario("apply-list-undefined", { x: opt("int", { apply: "list" }) }, []),
  scenario("apply-id-not-of-type", { x: opt("int", { apply: "id" }) }, [{ x: "s" }]),
  scenario("apply-not-defined", { x: opt("bool", { apply: "not" }) }, [{ x: mkIf(true, true) }]),

  // 5. Where the libs of 2023-07 and 2025-06 differ.
  // uniq merges its one definition by its element type in 2025-06, as it is in 2023-07.
  scenario(
    "uniq-submodule-defaults",
    { b: opt(["uniq", ["submodule", { p: opt("str"), q: opt("int", { default: 1 }) }]]) },
    [{ b: { p: "y" } }],
  ),
  scenario("uniq-attrsOf-mkIf-inside", { b: opt(["uniq", ["attrsOf", "int"]]) }, [
    { b: { k: mkIf(false, 1), l: 2 } },
  ]),
  scenario("uniq-attrsOf-wrong-element", { b: opt(["uniq", ["attrsOf", "str"]]) }, [{ b: { k: true } }]),
  scenario("uniq-defined-twice", { b: opt(["uniq", "int"]) }, [{ b: 1 }, { b: 1 }]),
  scenario("unique-message", { b: opt(["unique", "One definition, please.", ["listOf", "int"]]) }, [
    { b: [1] },
    { b: [2] },
  ]),
  scenario("unique-attrsOf-wrong-element", { b: opt(["unique", "One, please.", ["attrsOf", "str"]]) }, [
    { b: { a: "x", k: true } },
  ]),
  scenario(
    "readOnly-uniq-attrsOf-mkMerge",
    { b: opt(["uniq", ["attrsOf", "bool"]], { readOnly: true, default: { l: true } }) },
    [{ b: { k: { $merge: [true] } } }],
  ),
  // anything: lists are merged as any value in 2025-06; in 2023-07, one list only, its entries merged.
  scenario("anything-equal-lists", { x: opt("anything") }, [{ x: [1, 2] }, { x: [1, 2] }]),
  scenario("anything-different-lists", { x: opt("anything") }, [{ x: [1] }, { x: [2] }]),
  scenario("anything-list-with-mkIf", { x: opt("anything") }, [{ x: [mkIf(false, 1), 2] }]),
  scenario("anything-nested-lists", { x: opt("anything") }, [{ x: { l: ["a"] } }, { x: { l: ["a"] } }]),
  // Descriptions: a noun followed by a clause is parenthesized, or followed by a comma, in 2025-06.
  scenario("description-list-of-unsigned", { x: opt(["listOf", "unsignedInt"]) }, [{ x: "s" }]),
  scenario("description-either-unsigned", { x: opt(["either", "unsignedInt", "str"]) }, [{ x: true }]),
  scenario("description-either-positive-last", { x: opt(["either", "str", "positiveInt"]) }, [{ x: true }]),
  scenario("description-passwdEntry", { x: opt(["nullOr", ["passwdEntry", "str"]]) }, [{ x: 1 }]),
  scenario("description-path", { x: opt(["attrsOf", "path"]) }, [{ x: { a: "relative" } }]),
  // strMatching: two declarations of one pattern merge in 2025-06.
  declaredTwice("strMatching-declared-twice", ["strMatching", "[a-z]+"], ["strMatching", "[a-z]+"], "abc"),
  declaredTwice("strMatching-two-patterns", ["strMatching", "[a-z]+"], ["strMatching", "[a-c]+"], "abc"),
  declaredTwice("coercedTo-declared-twice", ["coercedTo", "int", "str"], ["coercedTo", "int", "str"], 1),
  // nonEmptyListOf of submodules stays non-empty in 2025-06.
  scenario(
    "nonEmptyListOf-submodule-empty",
    { b: opt(["nonEmptyListOf", ["submodule", { o: opt("int", { default: 1 }) }]], { default: [] }) },
    [],
  ),
  scenario(
    "nonEmptyListOf-submodule",
    { b: opt(["nonEmptyListOf", ["submodule", { o: opt("int", { default: 1 }) }]]) },
    [{ b: [{}] }],
  ),
  // A type where an option belongs.
  scenario("bare-type", { result: { $type: "str" } }, [], [["result"]]),
  scenario("bare-type-nested", { result: { here: { $type: "str" } } }, [], [["result", "here"]]),
  scenario(
    "bare-type-defined",
    { result: { $type: ["listOf", "int"] }, a: opt("int", { default: 1 }) },
    [{ a: 2 }],
    [["a"]],
  ),
  // An option without a type, and options declared below it.
  {
    name: "typeless-option-with-options-below",
    options: { group: opt(undefined) },
    modules: [
      {
        file: "m1.nix",
        options: { group: { enable: opt("bool", { default: false }) } },
        config: { group: { enable: false } },
      },
    ],
    reads: [["group", "enable"]],
  },
  {
    name: "submodule-and-typeless-option-with-options-below",
    options: { group: opt(["submodule", { o: opt("int", { default: 1 }) }]) },
    modules: [
      { file: "m1.nix", options: { group: opt(undefined) }, config: {} },
      { file: "m2.nix", options: { group: { enable: opt("bool", { default: false }) } }, config: {} },
    ],
    reads: [["group"]],
  },
  // Modules of another class, and values that are no modules.
  {
    ...scenario("class-mismatch", { a: opt("int", { default: 1 }) }, []),
    class: "nixos",
    modules: [{ file: "m1.nix", class: "darwin", config: {} }],
  },
  importing("import-flake", { _type: "flake" }),
  { ...importing("import-flake-into-nixos", { _type: "flake" }), class: "nixos" },
  { ...importing("import-flake-into-darwin", { _type: "flake" }), class: "darwin" },
  importing("import-configuration", { _type: "configuration" }),
  importing("import-other", { _type: "pkgs" }),
  // Paths in the store: below a store path (`<hash>-<name>`) in 2025-06, any name in 2023-07.
  scenario("pathInStore-any-name", { x: opt("pathInStore") }, [{ x: "/nix/store/foo" }]),
  scenario("pathInStore-store-path", { x: opt("pathInStore") }, [
    { x: "/nix/store/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15/bin/bash" },
  ]),
  scenario("pathInStore-dot", { x: opt("pathInStore") }, [{ x: "/nix/store/.links" }]),
  scenario("pathInStore-relative", { x: opt("pathInStore") }, [
    { x: "nix/store/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash" },
  ]),
  // Option paths: any `<...>` is a placeholder, unquoted, in 2025-06.
  scenario("placeholder-like-name", { x: opt(["attrsOf", "int"]) }, [{ x: { "<k>": "s" } }]),
];

/** Two declarations of `x` (decl.nix and m1.nix), of types `t1` and `t2`, and a definition. */
function declaredTwice(name: string, t1: Ty, t2: Ty, value: Val): Scenario {
  return {
    name,
    options: { x: opt(t1) },
    modules: [{ file: "m1.nix", options: { x: opt(t2) }, config: { x: value } }],
    reads: [["x"]],
  };
}

/** A module (m1.nix) importing `value`, which is no module. */
function importing(name: string, value: Val): Scenario {
  const m: ModuleSpec = { file: "m1.nix", config: {}, imports: [{ $value: value }] };
  return { name, options: { a: opt("int", { default: 1 }) }, modules: [m], reads: [["a"]] };
}
