/**
 * Scenarios written by hand for the differential test: the repros of what a differential
 * test against real Nix found (issue 28) and variations of them. Nix's results for them are
 * recorded with the random ones (record.ts).
 */
import type { OptTree, Scenario, Ty, Val } from "./scenario.js";

const opt = (
  type: Ty,
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
];
