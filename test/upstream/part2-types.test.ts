// Port of nixpkgs lib/tests/modules.sh, lines 301-360: types.anything, types.functionTo,
// moduleType, emptyValue and types.raw.
// Each test names the upstream line and its check; ./x.nix stands for test/upstream/modules/x.ts.
import { describe, expect, it } from "vitest";
import { checkConfigError, checkConfigOutput, evalConfig } from "./harness.js";
import declareVariants from "./modules/declare-variants.js";
import defineVariant from "./modules/define-variant.js";
import emptyValues from "./modules/emptyValues.js";
import listOrder from "./modules/functionTo/list-order.js";
import mergingAttrs from "./modules/functionTo/merging-attrs.js";
import mergingList from "./modules/functionTo/merging-list.js";
import submoduleOptions from "./modules/functionTo/submodule-options.js";
import trivial from "./modules/functionTo/trivial.js";
import wrongType from "./modules/functionTo/wrong-type.js";
import raw from "./modules/raw.js";
import attrsCoercible from "./modules/types-anything/attrs-coercible.js";
import equalAtoms from "./modules/types-anything/equal-atoms.js";
import functions from "./modules/types-anything/functions.js";
import lists from "./modules/types-anything/lists.js";
import mkMods from "./modules/types-anything/mk-mods.js";
import nestedAttrs from "./modules/types-anything/nested-attrs.js";

describe("modules.sh: types.anything", () => {
  it("modules.sh:304 checkConfigOutput '^null$' config.value.foo ./types-anything/nested-attrs.nix", () => {
    checkConfigOutput(/^null$/, "config.value.foo", nestedAttrs);
  });
  it("modules.sh:305 checkConfigOutput '^null$' config.value.l1.foo ./types-anything/nested-attrs.nix", () => {
    checkConfigOutput(/^null$/, "config.value.l1.foo", nestedAttrs);
  });
  it("modules.sh:306 checkConfigOutput '^null$' config.value.l1.l2.foo ./types-anything/nested-attrs.nix", () => {
    checkConfigOutput(/^null$/, "config.value.l1.l2.foo", nestedAttrs);
  });
  it("modules.sh:307 checkConfigOutput '^null$' config.value.l1.l2.l3.foo ./types-anything/nested-attrs.nix", () => {
    checkConfigOutput(/^null$/, "config.value.l1.l2.l3.foo", nestedAttrs);
  });
  it("modules.sh:309 checkConfigOutput '^\"foo\"$' config.value.outPath ./types-anything/attrs-coercible.nix", () => {
    checkConfigOutput(/^"foo"$/, "config.value.outPath", attrsCoercible);
  });
  it("modules.sh:311 checkConfigError 'The option .* has conflicting definitions' config.value ./types-anything/lists.nix", () => {
    checkConfigError(/The option .* has conflicting definitions/, "config.value", lists);
  });
  it("modules.sh:313 checkConfigOutput '^0$' config.value.int ./types-anything/equal-atoms.nix", () => {
    checkConfigOutput(/^0$/, "config.value.int", equalAtoms);
  });
  it("modules.sh:314 checkConfigOutput '^false$' config.value.bool ./types-anything/equal-atoms.nix", () => {
    checkConfigOutput(/^false$/, "config.value.bool", equalAtoms);
  });
  it("modules.sh:315 checkConfigOutput '^\"\"$' config.value.string ./types-anything/equal-atoms.nix", () => {
    checkConfigOutput(/^""$/, "config.value.string", equalAtoms);
  });
  // modules.sh:316 (config.value.path printed as the path `/`) is not ported: see README.md.
  it("modules.sh:317 checkConfigOutput '^null$' config.value.null ./types-anything/equal-atoms.nix", () => {
    checkConfigOutput(/^null$/, "config.value.null", equalAtoms);
  });
  it("modules.sh:318 checkConfigOutput '^0.1$' config.value.float ./types-anything/equal-atoms.nix", () => {
    checkConfigOutput(/^0.1$/, "config.value.float", equalAtoms);
  });
  it("modules.sh:320 checkConfigError 'The option .value.multiple-lambdas.<function body>. has conflicting option types' config.applied.multiple-lambdas ./types-anything/functions.nix", () => {
    checkConfigError(
      /The option .value.multiple-lambdas.<function body>. has conflicting option types/,
      "config.applied.multiple-lambdas",
      functions,
    );
  });
  it("modules.sh:321 checkConfigOutput '^<LAMBDA>$' config.value.single-lambda ./types-anything/functions.nix", () => {
    checkConfigOutput(/^<LAMBDA>$/, "config.value.single-lambda", functions);
  });
  it("modules.sh:322 checkConfigOutput '^null$' config.applied.merging-lambdas.x ./types-anything/functions.nix", () => {
    checkConfigOutput(/^null$/, "config.applied.merging-lambdas.x", functions);
  });
  it("modules.sh:323 checkConfigOutput '^null$' config.applied.merging-lambdas.y ./types-anything/functions.nix", () => {
    checkConfigOutput(/^null$/, "config.applied.merging-lambdas.y", functions);
  });
  it("modules.sh:325 checkConfigError 'attribute .* not found' config.value.mkiffalse ./types-anything/mk-mods.nix", () => {
    checkConfigError(/attribute .* not found/, "config.value.mkiffalse", mkMods);
  });
  it("modules.sh:326 checkConfigOutput '^{ }$' config.value.mkiftrue ./types-anything/mk-mods.nix", () => {
    checkConfigOutput(/^\{ \}$/, "config.value.mkiftrue", mkMods);
  });
  it("modules.sh:327 checkConfigOutput '^1$' config.value.mkdefault ./types-anything/mk-mods.nix", () => {
    checkConfigOutput(/^1$/, "config.value.mkdefault", mkMods);
  });
  it("modules.sh:328 checkConfigOutput '^{ }$' config.value.mkmerge ./types-anything/mk-mods.nix", () => {
    checkConfigOutput(/^\{ \}$/, "config.value.mkmerge", mkMods);
  });
  it("modules.sh:329 checkConfigOutput '^true$' config.value.mkbefore ./types-anything/mk-mods.nix", () => {
    checkConfigOutput(/^true$/, "config.value.mkbefore", mkMods);
  });
  it("modules.sh:330 checkConfigOutput '^1$' config.value.nested.foo ./types-anything/mk-mods.nix", () => {
    checkConfigOutput(/^1$/, "config.value.nested.foo", mkMods);
  });
  it("modules.sh:331 checkConfigOutput '^\"baz\"$' config.value.nested.bar.baz ./types-anything/mk-mods.nix", () => {
    checkConfigOutput(/^"baz"$/, "config.value.nested.bar.baz", mkMods);
  });
});

describe("modules.sh: types.functionTo", () => {
  it("modules.sh:334 checkConfigOutput '^\"input is input\"$' config.result ./functionTo/trivial.nix", () => {
    checkConfigOutput(/^"input is input"$/, "config.result", trivial);
  });
  it("modules.sh:335 checkConfigOutput '^\"a b\"$' config.result ./functionTo/merging-list.nix", () => {
    checkConfigOutput(/^"a b"$/, "config.result", mergingList);
  });
  it("modules.sh:336 checkConfigError 'A definition for option .fun.<function body>. is not of type .string.. Definition values:\\n\\s*- In .*wrong-type.nix' config.result ./functionTo/wrong-type.nix", () => {
    checkConfigError(
      /A definition for option .fun.<function body>. is not of type .string.. Definition values:\n\s*- In .*wrong-type.nix/,
      "config.result",
      wrongType,
    );
  });
  it("modules.sh:337 checkConfigOutput '^\"b a\"$' config.result ./functionTo/list-order.nix", () => {
    checkConfigOutput(/^"b a"$/, "config.result", listOrder);
  });
  it("modules.sh:338 checkConfigOutput '^\"a c\"$' config.result ./functionTo/merging-attrs.nix", () => {
    checkConfigOutput(/^"a c"$/, "config.result", mergingAttrs);
  });
  it("modules.sh:339 checkConfigOutput '^\"a bee\"$' config.result ./functionTo/submodule-options.nix", () => {
    checkConfigOutput(/^"a bee"$/, "config.result", submoduleOptions);
  });
  it("modules.sh:340 checkConfigOutput '^\"fun.<function body>.a fun.<function body>.b\"$' config.optionsResult ./functionTo/submodule-options.nix", () => {
    checkConfigOutput(/^"fun.<function body>.a fun.<function body>.b"$/, "config.optionsResult", submoduleOptions);
  });
});

describe("modules.sh: moduleType", () => {
  it("modules.sh:343 checkConfigOutput '^\"a b\"$' config.resultFoo ./declare-variants.nix ./define-variant.nix", () => {
    checkConfigOutput(/^"a b"$/, "config.resultFoo", declareVariants, defineVariant);
  });
  it("modules.sh:344 checkConfigOutput '^\"a b y z\"$' config.resultFooBar ./declare-variants.nix ./define-variant.nix", () => {
    checkConfigOutput(/^"a b y z"$/, "config.resultFooBar", declareVariants, defineVariant);
  });
  it("modules.sh:345 checkConfigOutput '^\"a b c\"$' config.resultFooFoo ./declare-variants.nix ./define-variant.nix", () => {
    checkConfigOutput(/^"a b c"$/, "config.resultFooFoo", declareVariants, defineVariant);
  });
});

describe("modules.sh: emptyValue", () => {
  // grep's basic regex "[ ]" is a bracket expression (any line with a space); the check
  // means the printed empty list `[ ]`, which is what is asserted here.
  it("modules.sh:348 checkConfigOutput '[ ]' config.list.a ./emptyValues.nix", () => {
    checkConfigOutput(/\[ \]/, "config.list.a", emptyValues);
  });
  it("modules.sh:349 checkConfigOutput '{ }' config.attrs.a ./emptyValues.nix", () => {
    checkConfigOutput(/\{ \}/, "config.attrs.a", emptyValues);
  });
  it("modules.sh:350 checkConfigOutput 'null' config.null.a ./emptyValues.nix", () => {
    checkConfigOutput(/null/, "config.null.a", emptyValues);
  });
  it("modules.sh:351 checkConfigOutput '{ }' config.submodule.a ./emptyValues.nix", () => {
    checkConfigOutput(/\{ \}/, "config.submodule.a", emptyValues);
  });
  it("modules.sh:353 checkConfigError 'The option .int.a. is used but not defined' config.int.a ./emptyValues.nix", () => {
    checkConfigError(/The option .int.a. is used but not defined/, "config.int.a", emptyValues);
  });
  it("modules.sh:354 checkConfigError 'The option .nonEmptyList.a. is used but not defined' config.nonEmptyList.a ./emptyValues.nix", () => {
    checkConfigError(/The option .nonEmptyList.a. is used but not defined/, "config.nonEmptyList.a", emptyValues);
  });
});

describe("modules.sh: types.raw", () => {
  // Upstream prints without --strict, so the unevaluated attribute shows as <CODE>: the
  // value is the definition as it was, its attribute `foo` still unevaluated.
  it("modules.sh:357 checkConfigOutput '{ foo = <CODE>; }' config.unprocessedNesting ./raw.nix", () => {
    const v = evalConfig("config.unprocessedNesting", [raw]) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["foo"]);
    expect(typeof Object.getOwnPropertyDescriptor(v, "foo")?.get).toBe("function");
    expect(() => v.foo).toThrow(/foo/);
  });
  it("modules.sh:358 checkConfigOutput '10' config.processedToplevel ./raw.nix", () => {
    checkConfigOutput(/10/, "config.processedToplevel", raw);
  });
  it("modules.sh:359 checkConfigError 'The option .multiple. is defined multiple times' config.multiple ./raw.nix", () => {
    checkConfigError(/The option .multiple. is defined multiple times/, "config.multiple", raw);
  });
  it("modules.sh:360 checkConfigOutput 'bar' config.priorities ./raw.nix", () => {
    checkConfigOutput(/bar/, "config.priorities", raw);
  });
});
