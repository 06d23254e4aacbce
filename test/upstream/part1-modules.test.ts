// Port of nixpkgs lib/tests/modules.sh, lines 1-226: each test names the upstream line,
// its check and its arguments; ./x.nix stands for test/upstream/modules/x.ts.
import { describe, it } from "vitest";
import { checkConfigError, checkConfigOutput } from "./harness.js";
import aliasWithPriorityCanOverride from "./modules/alias-with-priority-can-override.js";
import aliasWithPriority from "./modules/alias-with-priority.js";
import declareAttrsOfSubAnyEnable from "./modules/declare-attrsOfSub-any-enable.js";
import declareBareSubmoduleDeepOptionDuplicate from "./modules/declare-bare-submodule-deep-option-duplicate.js";
import declareBareSubmoduleDeepOption from "./modules/declare-bare-submodule-deep-option.js";
import declareBareSubmoduleNestedOption from "./modules/declare-bare-submodule-nested-option.js";
import declareBareSubmodule from "./modules/declare-bare-submodule.js";
import declareCoercedValueUnsound from "./modules/declare-coerced-value-unsound.js";
import declareCoercedValue from "./modules/declare-coerced-value.js";
import declareEither from "./modules/declare-either.js";
import declareEnable from "./modules/declare-enable.js";
import declareIntBetweenValue from "./modules/declare-int-between-value.js";
import declareIntPositiveValue from "./modules/declare-int-positive-value.js";
import declareIntUnsignedValue from "./modules/declare-int-unsigned-value.js";
import declareMkPackageOption from "./modules/declare-mkPackageOption.js";
import declareOneOf from "./modules/declare-oneOf.js";
import declareSubmoduleViaEvalModules from "./modules/declare-submodule-via-evalModules.js";
import declareSubmoduleWithModules from "./modules/declare-submoduleWith-modules.js";
import declareSubmoduleWithNoshorthand from "./modules/declare-submoduleWith-noshorthand.js";
import declareSubmoduleWithShorthand from "./modules/declare-submoduleWith-shorthand.js";
import declareSubmoduleWithSpecial from "./modules/declare-submoduleWith-special.js";
import defineModuleArgsCustom from "./modules/define-_module-args-custom.js";
import defineAttrsOfSubBarEnable from "./modules/define-attrsOfSub-bar-enable.js";
import defineAttrsOfSubBar from "./modules/define-attrsOfSub-bar.js";
import defineAttrsOfSubFooEnableForce from "./modules/define-attrsOfSub-foo-enable-force.js";
import defineAttrsOfSubFooEnableIf from "./modules/define-attrsOfSub-foo-enable-if.js";
import defineAttrsOfSubFooEnable from "./modules/define-attrsOfSub-foo-enable.js";
import defineAttrsOfSubFooForceEnable from "./modules/define-attrsOfSub-foo-force-enable.js";
import defineAttrsOfSubFooIfEnable from "./modules/define-attrsOfSub-foo-if-enable.js";
import defineAttrsOfSubFoo from "./modules/define-attrsOfSub-foo.js";
import defineAttrsOfSubForceFooEnable from "./modules/define-attrsOfSub-force-foo-enable.js";
import defineAttrsOfSubIfFooEnable from "./modules/define-attrsOfSub-if-foo-enable.js";
import defineBareSubmoduleValues from "./modules/define-bare-submodule-values.js";
import defineEnableAbort from "./modules/define-enable-abort.js";
import defineEnableForce from "./modules/define-enable-force.js";
import defineEnableThrow from "./modules/define-enable-throw.js";
import defineEnableWithCustomArg from "./modules/define-enable-with-custom-arg.js";
import defineEnable from "./modules/define-enable.js";
import defineForceAttrsOfSubFooEnable from "./modules/define-force-attrsOfSub-foo-enable.js";
import defineForceEnable from "./modules/define-force-enable.js";
import defineIfAttrsOfSubFooEnable from "./modules/define-if-attrsOfSub-foo-enable.js";
import defineModuleCheck from "./modules/define-module-check.js";
import defineShorthandOnlyDefinesConfigTrue from "./modules/define-shorthandOnlyDefinesConfig-true.js";
import defineSubmoduleWithNoshorthand from "./modules/define-submoduleWith-noshorthand.js";
import defineSubmoduleWithShorthand from "./modules/define-submoduleWith-shorthand.js";
import defineValueIntNegative from "./modules/define-value-int-negative.js";
import defineValueIntPositive from "./modules/define-value-int-positive.js";
import defineValueIntZero from "./modules/define-value-int-zero.js";
import defineValueList from "./modules/define-value-list.js";
import defineValueStringArbitrary from "./modules/define-value-string-arbitrary.js";
import defineValueStringBigint from "./modules/define-value-string-bigint.js";
import defineValueString from "./modules/define-value-string.js";
import disableDeclareEnable from "./modules/disable-declare-enable.js";
import disableDefineEnableStringPath from "./modules/disable-define-enable-string-path.js";
import disableDefineEnable from "./modules/disable-define-enable.js";
import disableEnableModules from "./modules/disable-enable-modules.js";
import disableModuleBadKey from "./modules/disable-module-bad-key.js";
import disableModuleWithKey from "./modules/disable-module-with-key.js";
import disableModuleWithToStringKey from "./modules/disable-module-with-toString-key.js";
import importCustomArg from "./modules/import-custom-arg.js";
import shorthandMeta from "./modules/shorthand-meta.js";
import testMergeAttrDefinitionsWithPrio from "./modules/test-mergeAttrDefinitionsWithPrio.js";
import typesNix from "./modules/types.js";

describe("shorthand meta and mergeAttrDefinitionsWithPrio", () => {
  // checkConfigOutput '^"one two"$' config.result ./shorthand-meta.nix
  it("modules.sh:62 checkConfigOutput '^\"one two\"$' config.result ./shorthand-meta.nix", () => {
    checkConfigOutput(/^"one two"$/, "config.result", shorthandMeta);
  });
  // checkConfigOutput '^true$' config.result ./test-mergeAttrDefinitionsWithPrio.nix
  it("modules.sh:64 checkConfigOutput '^true$' config.result ./test-mergeAttrDefinitionsWithPrio.nix", () => {
    checkConfigOutput(/^true$/, "config.result", testMergeAttrDefinitionsWithPrio);
  });
});

describe("types.pathInStore", () => {
  // checkConfigOutput '".*/store/0lz9p8xhf89kb1c1kk6jxrzskaiygnlh-bash-5.2-p15.drv"' config.pathInStore.ok1 ./types.nix
  it("modules.sh:67 checkConfigOutput '\".*/store/0lz9p8xhf89kb1c1kk6jxrzskaiygnlh-bash-5.2-p15.drv\"' config.pathInStore.ok1 ./types.nix", () => {
    checkConfigOutput(
      /".*\/store\/0lz9p8xhf89kb1c1kk6jxrzskaiygnlh-bash-5.2-p15.drv"/,
      "config.pathInStore.ok1",
      typesNix,
    );
  });
  // checkConfigOutput '".*/store/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15"' config.pathInStore.ok2 ./types.nix
  it("modules.sh:68 checkConfigOutput '\".*/store/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15\"' config.pathInStore.ok2 ./types.nix", () => {
    checkConfigOutput(
      /".*\/store\/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15"/,
      "config.pathInStore.ok2",
      typesNix,
    );
  });
  // checkConfigOutput '".*/store/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15/bin/bash"' config.pathInStore.ok3 ./types.nix
  it("modules.sh:69 checkConfigOutput '\".*/store/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15/bin/bash\"' config.pathInStore.ok3 ./types.nix", () => {
    checkConfigOutput(
      /".*\/store\/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15\/bin\/bash"/,
      "config.pathInStore.ok3",
      typesNix,
    );
  });
  // checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ""' config.pathInStore.bad1 ./types.nix
  it("modules.sh:70 checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\\n\\s*- In .*: \"\"' config.pathInStore.bad1 ./types.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ""/,
      "config.pathInStore.bad1",
      typesNix,
    );
  });
  // checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ".*/store"' config.pathInStore.bad2 ./types.nix
  it("modules.sh:71 checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\\n\\s*- In .*: \".*/store\"' config.pathInStore.bad2 ./types.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ".*\/store"/,
      "config.pathInStore.bad2",
      typesNix,
    );
  });
  // checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ".*/store/"' config.pathInStore.bad3 ./types.nix
  it("modules.sh:72 checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\\n\\s*- In .*: \".*/store/\"' config.pathInStore.bad3 ./types.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ".*\/store\/"/,
      "config.pathInStore.bad3",
      typesNix,
    );
  });
  // checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ".*/store/.links"' config.pathInStore.bad4 ./types.nix
  it("modules.sh:73 checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\\n\\s*- In .*: \".*/store/.links\"' config.pathInStore.bad4 ./types.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: ".*\/store\/.links"/,
      "config.pathInStore.bad4",
      typesNix,
    );
  });
  // checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: "/foo/bar"' config.pathInStore.bad5 ./types.nix
  it("modules.sh:74 checkConfigError 'A definition for option .* is not of type .path in the Nix store.. Definition values:\\n\\s*- In .*: \"/foo/bar\"' config.pathInStore.bad5 ./types.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .path in the Nix store.. Definition values:\n\s*- In .*: "\/foo\/bar"/,
      "config.pathInStore.bad5",
      typesNix,
    );
  });
});

describe("boolean option and undeclared definitions", () => {
  // checkConfigOutput '^false$' config.enable ./declare-enable.nix
  it("modules.sh:77 checkConfigOutput '^false$' config.enable ./declare-enable.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", declareEnable);
  });
  // checkConfigError 'The option .* does not exist. Definition values:\n\s*- In .*: true' config.enable ./define-enable.nix
  it("modules.sh:78 checkConfigError 'The option .* does not exist. Definition values:\\n\\s*- In .*: true' config.enable ./define-enable.nix", () => {
    checkConfigError(
      /The option .* does not exist. Definition values:\n\s*- In .*: true/,
      "config.enable",
      defineEnable,
    );
  });
  // checkConfigError 'The option .* does not exist. Definition values:\n\s*- In .*' config.enable ./define-enable-throw.nix
  it("modules.sh:79 checkConfigError 'The option .* does not exist. Definition values:\\n\\s*- In .*' config.enable ./define-enable-throw.nix", () => {
    checkConfigError(
      /The option .* does not exist. Definition values:\n\s*- In .*/,
      "config.enable",
      defineEnableThrow,
    );
  });
  // checkConfigError 'while evaluating a definition from `.*/define-enable-abort.nix' config.enable ./define-enable-abort.nix
  it("modules.sh:80 checkConfigError 'while evaluating a definition from `.*/define-enable-abort.nix' config.enable ./define-enable-abort.nix", () => {
    checkConfigError(
      /while evaluating a definition from `.*\/define-enable-abort.nix/,
      "config.enable",
      defineEnableAbort,
    );
  });
  // checkConfigError 'while evaluating the error message for definitions for .enable., which is an option that does not exist' config.enable ./define-enable-abort.nix
  it("modules.sh:81 checkConfigError 'while evaluating the error message for definitions for .enable., which is an option that does not exist' config.enable ./define-enable-abort.nix", () => {
    checkConfigError(
      /while evaluating the error message for definitions for .enable., which is an option that does not exist/,
      "config.enable",
      defineEnableAbort,
    );
  });
});

describe("bare submodule options extended by option declarations", () => {
  // checkConfigOutput '^1$' config.bare-submodule.nested ./declare-bare-submodule.nix ./declare-bare-submodule-nested-option.nix
  it("modules.sh:83 checkConfigOutput '^1$' config.bare-submodule.nested ./declare-bare-submodule.nix ./declare-bare-submodule-nested-option.nix", () => {
    checkConfigOutput(
      /^1$/,
      "config.bare-submodule.nested",
      declareBareSubmodule,
      declareBareSubmoduleNestedOption,
    );
  });
  // checkConfigOutput '^2$' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-deep-option.nix
  it("modules.sh:84 checkConfigOutput '^2$' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-deep-option.nix", () => {
    checkConfigOutput(
      /^2$/,
      "config.bare-submodule.deep",
      declareBareSubmodule,
      declareBareSubmoduleDeepOption,
    );
  });
  // checkConfigOutput '^42$' config.bare-submodule.nested ./declare-bare-submodule.nix ./declare-bare-submodule-nested-option.nix ./declare-bare-submodule-deep-option.nix ./define-bare-submodule-values.nix
  it("modules.sh:85 checkConfigOutput '^42$' config.bare-submodule.nested ./declare-bare-submodule.nix ./declare-bare-submodule-nested-option.nix ./declare-bare-submodule-deep-option.nix ./define-bare-submodule-values.nix", () => {
    checkConfigOutput(
      /^42$/,
      "config.bare-submodule.nested",
      declareBareSubmodule,
      declareBareSubmoduleNestedOption,
      declareBareSubmoduleDeepOption,
      defineBareSubmoduleValues,
    );
  });
  // checkConfigOutput '^420$' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-nested-option.nix ./declare-bare-submodule-deep-option.nix ./define-bare-submodule-values.nix
  it("modules.sh:86 checkConfigOutput '^420$' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-nested-option.nix ./declare-bare-submodule-deep-option.nix ./define-bare-submodule-values.nix", () => {
    checkConfigOutput(
      /^420$/,
      "config.bare-submodule.deep",
      declareBareSubmodule,
      declareBareSubmoduleNestedOption,
      declareBareSubmoduleDeepOption,
      defineBareSubmoduleValues,
    );
  });
  // checkConfigOutput '^2$' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-deep-option.nix ./define-shorthandOnlyDefinesConfig-true.nix
  it("modules.sh:87 checkConfigOutput '^2$' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-deep-option.nix ./define-shorthandOnlyDefinesConfig-true.nix", () => {
    checkConfigOutput(
      /^2$/,
      "config.bare-submodule.deep",
      declareBareSubmodule,
      declareBareSubmoduleDeepOption,
      defineShorthandOnlyDefinesConfigTrue,
    );
  });
  // checkConfigError 'The option .bare-submodule.deep. in .*/declare-bare-submodule-deep-option.nix. is already declared in .*/declare-bare-submodule-deep-option-duplicate.nix' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-deep-option.nix  ./declare-bare-submodule-deep-option-duplicate.nix
  it("modules.sh:88 checkConfigError 'The option .bare-submodule.deep. in .*/declare-bare-submodule-deep-option.nix. is already declared in .*/declare-bare-submodule-deep-option-duplicate.nix' config.bare-submodule.deep ./declare-bare-submodule.nix ./declare-bare-submodule-deep-option.nix ./declare-bare-submodule-deep-option-duplicate.nix", () => {
    checkConfigError(
      /The option .bare-submodule.deep. in .*\/declare-bare-submodule-deep-option.nix. is already declared in .*\/declare-bare-submodule-deep-option-duplicate.nix/,
      "config.bare-submodule.deep",
      declareBareSubmodule,
      declareBareSubmoduleDeepOption,
      declareBareSubmoduleDeepOptionDuplicate,
    );
  });
});

describe("ints.unsigned", () => {
  // checkConfigOutput '^42$' config.value ./declare-int-unsigned-value.nix ./define-value-int-positive.nix
  it("modules.sh:92 checkConfigOutput '^42$' config.value ./declare-int-unsigned-value.nix ./define-value-int-positive.nix", () => {
    checkConfigOutput(/^42$/, "config.value", declareIntUnsignedValue, defineValueIntPositive);
  });
  // checkConfigError 'A definition for option .* is not of type.*unsigned integer.*. Definition values:\n\s*- In .*: -23' config.value ./declare-int-unsigned-value.nix ./define-value-int-negative.nix
  it("modules.sh:93 checkConfigError 'A definition for option .* is not of type.*unsigned integer.*. Definition values:\\n\\s*- In .*: -23' config.value ./declare-int-unsigned-value.nix ./define-value-int-negative.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type.*unsigned integer.*. Definition values:\n\s*- In .*: -23/,
      "config.value",
      declareIntUnsignedValue,
      defineValueIntNegative,
    );
  });
});

describe("ints.positive", () => {
  // checkConfigError 'A definition for option .* is not of type.*positive integer.*. Definition values:\n\s*- In .*: 0' config.value ./declare-int-positive-value.nix ./define-value-int-zero.nix
  it("modules.sh:95 checkConfigError 'A definition for option .* is not of type.*positive integer.*. Definition values:\\n\\s*- In .*: 0' config.value ./declare-int-positive-value.nix ./define-value-int-zero.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type.*positive integer.*. Definition values:\n\s*- In .*: 0/,
      "config.value",
      declareIntPositiveValue,
      defineValueIntZero,
    );
  });
});

describe("ints.between", () => {
  // checkConfigOutput '^42$' config.value ./declare-int-between-value.nix ./define-value-int-positive.nix
  it("modules.sh:97 checkConfigOutput '^42$' config.value ./declare-int-between-value.nix ./define-value-int-positive.nix", () => {
    checkConfigOutput(/^42$/, "config.value", declareIntBetweenValue, defineValueIntPositive);
  });
  // checkConfigError 'A definition for option .* is not of type.*between.*-21 and 43.*inclusive.*. Definition values:\n\s*- In .*: -23' config.value ./declare-int-between-value.nix ./define-value-int-negative.nix
  it("modules.sh:98 checkConfigError 'A definition for option .* is not of type.*between.*-21 and 43.*inclusive.*. Definition values:\\n\\s*- In .*: -23' config.value ./declare-int-between-value.nix ./define-value-int-negative.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type.*between.*-21 and 43.*inclusive.*. Definition values:\n\s*- In .*: -23/,
      "config.value",
      declareIntBetweenValue,
      defineValueIntNegative,
    );
  });
});

describe("types.either", () => {
  // checkConfigOutput '^42$' config.value ./declare-either.nix ./define-value-int-positive.nix
  it("modules.sh:102 checkConfigOutput '^42$' config.value ./declare-either.nix ./define-value-int-positive.nix", () => {
    checkConfigOutput(/^42$/, "config.value", declareEither, defineValueIntPositive);
  });
  // checkConfigOutput '^"24"$' config.value ./declare-either.nix ./define-value-string.nix
  it("modules.sh:103 checkConfigOutput '^\"24\"$' config.value ./declare-either.nix ./define-value-string.nix", () => {
    checkConfigOutput(/^"24"$/, "config.value", declareEither, defineValueString);
  });
});

describe("types.oneOf", () => {
  // checkConfigOutput '^42$' config.value ./declare-oneOf.nix ./define-value-int-positive.nix
  it("modules.sh:105 checkConfigOutput '^42$' config.value ./declare-oneOf.nix ./define-value-int-positive.nix", () => {
    checkConfigOutput(/^42$/, "config.value", declareOneOf, defineValueIntPositive);
  });
  // checkConfigOutput '^\[ \]$' config.value ./declare-oneOf.nix ./define-value-list.nix
  it("modules.sh:106 checkConfigOutput '^\\[ \\]$' config.value ./declare-oneOf.nix ./define-value-list.nix", () => {
    checkConfigOutput(/^\[ \]$/, "config.value", declareOneOf, defineValueList);
  });
  // checkConfigOutput '^"24"$' config.value ./declare-oneOf.nix ./define-value-string.nix
  it("modules.sh:107 checkConfigOutput '^\"24\"$' config.value ./declare-oneOf.nix ./define-value-string.nix", () => {
    checkConfigOutput(/^"24"$/, "config.value", declareOneOf, defineValueString);
  });
});

describe("mkForce, no submodules", () => {
  // checkConfigOutput '^true$' "$@"
  it("modules.sh:111 checkConfigOutput '^true$' config.enable ./declare-enable.nix ./define-enable.nix", () => {
    checkConfigOutput(/^true$/, "config.enable", declareEnable, defineEnable);
  });
  // checkConfigOutput '^false$' "$@" ./define-force-enable.nix
  it("modules.sh:112 checkConfigOutput '^false$' config.enable ./declare-enable.nix ./define-enable.nix ./define-force-enable.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", declareEnable, defineEnable, defineForceEnable);
  });
  // checkConfigOutput '^false$' "$@" ./define-enable-force.nix
  it("modules.sh:113 checkConfigOutput '^false$' config.enable ./declare-enable.nix ./define-enable.nix ./define-enable-force.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", declareEnable, defineEnable, defineEnableForce);
  });
});

describe("mkForce inside attrsOf submodules", () => {
  // checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix
  it("modules.sh:116 checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix", () => {
    checkConfigError(
      /attribute .*foo.* .* not found/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
    );
  });
  // checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix
  it("modules.sh:117 checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
    );
  });
  // checkConfigOutput '^true$' "$@"
  it("modules.sh:119 checkConfigOutput '^true$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-enable.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooEnable,
    );
  });
  // checkConfigOutput '^false$' "$@" ./define-force-attrsOfSub-foo-enable.nix
  it("modules.sh:120 checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-enable.nix ./define-force-attrsOfSub-foo-enable.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooEnable,
      defineForceAttrsOfSubFooEnable,
    );
  });
  // checkConfigOutput '^false$' "$@" ./define-attrsOfSub-force-foo-enable.nix
  it("modules.sh:121 checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-enable.nix ./define-attrsOfSub-force-foo-enable.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooEnable,
      defineAttrsOfSubForceFooEnable,
    );
  });
  // checkConfigOutput '^false$' "$@" ./define-attrsOfSub-foo-force-enable.nix
  it("modules.sh:122 checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-enable.nix ./define-attrsOfSub-foo-force-enable.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooEnable,
      defineAttrsOfSubFooForceEnable,
    );
  });
  // checkConfigOutput '^false$' "$@" ./define-attrsOfSub-foo-enable-force.nix
  it("modules.sh:123 checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-enable.nix ./define-attrsOfSub-foo-enable-force.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.foo.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooEnable,
      defineAttrsOfSubFooEnableForce,
    );
  });
});

describe("mkForce overriding other submodule definitions", () => {
  // checkConfigError 'attribute .*bar.* .* not found' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix
  it("modules.sh:126 checkConfigError 'attribute .*bar.* .* not found' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix", () => {
    checkConfigError(
      /attribute .*bar.* .* not found/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
    );
  });
  // checkConfigOutput '^false$' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar.nix
  it("modules.sh:127 checkConfigOutput '^false$' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
      defineAttrsOfSubBar,
    );
  });
  // checkConfigOutput '^true$' "$@"
  it("modules.sh:129 checkConfigOutput '^true$' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar-enable.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
      defineAttrsOfSubBarEnable,
    );
  });
  // checkConfigError 'attribute .*bar.* .* not found' "$@" ./define-force-attrsOfSub-foo-enable.nix
  it("modules.sh:130 checkConfigError 'attribute .*bar.* .* not found' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar-enable.nix ./define-force-attrsOfSub-foo-enable.nix", () => {
    checkConfigError(
      /attribute .*bar.* .* not found/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
      defineAttrsOfSubBarEnable,
      defineForceAttrsOfSubFooEnable,
    );
  });
  // checkConfigError 'attribute .*bar.* .* not found' "$@" ./define-attrsOfSub-force-foo-enable.nix
  it("modules.sh:131 checkConfigError 'attribute .*bar.* .* not found' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar-enable.nix ./define-attrsOfSub-force-foo-enable.nix", () => {
    checkConfigError(
      /attribute .*bar.* .* not found/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
      defineAttrsOfSubBarEnable,
      defineAttrsOfSubForceFooEnable,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-attrsOfSub-foo-force-enable.nix
  it("modules.sh:132 checkConfigOutput '^true$' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar-enable.nix ./define-attrsOfSub-foo-force-enable.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
      defineAttrsOfSubBarEnable,
      defineAttrsOfSubFooForceEnable,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-attrsOfSub-foo-enable-force.nix
  it("modules.sh:133 checkConfigOutput '^true$' config.attrsOfSub.bar.enable ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo.nix ./define-attrsOfSub-bar-enable.nix ./define-attrsOfSub-foo-enable-force.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.bar.enable",
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFoo,
      defineAttrsOfSubBarEnable,
      defineAttrsOfSubFooEnableForce,
    );
  });
});

describe("mkIf at each level of a submodule definition", () => {
  // checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix
  it("modules.sh:136 checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix", () => {
    checkConfigError(
      /attribute .*foo.* .* not found/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
    );
  });
  // checkConfigError 'attribute .*foo.* .* not found' "$@" ./define-if-attrsOfSub-foo-enable.nix
  it("modules.sh:138 checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-if-attrsOfSub-foo-enable.nix", () => {
    checkConfigError(
      /attribute .*foo.* .* not found/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineIfAttrsOfSubFooEnable,
    );
  });
  // checkConfigError 'attribute .*foo.* .* not found' "$@" ./define-attrsOfSub-if-foo-enable.nix
  it("modules.sh:139 checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-if-foo-enable.nix", () => {
    checkConfigError(
      /attribute .*foo.* .* not found/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubIfFooEnable,
    );
  });
  // checkConfigError 'attribute .*foo.* .* not found' "$@" ./define-attrsOfSub-foo-if-enable.nix
  it("modules.sh:140 checkConfigError 'attribute .*foo.* .* not found' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-if-enable.nix", () => {
    checkConfigError(
      /attribute .*foo.* .* not found/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooIfEnable,
    );
  });
  // checkConfigOutput '^false$' "$@" ./define-attrsOfSub-foo-enable-if.nix
  it("modules.sh:141 checkConfigOutput '^false$' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-attrsOfSub-foo-enable-if.nix", () => {
    checkConfigOutput(
      /^false$/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineAttrsOfSubFooEnableIf,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-enable.nix ./define-if-attrsOfSub-foo-enable.nix
  it("modules.sh:142 checkConfigOutput '^true$' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-enable.nix ./define-if-attrsOfSub-foo-enable.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineEnable,
      defineIfAttrsOfSubFooEnable,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-enable.nix ./define-attrsOfSub-if-foo-enable.nix
  it("modules.sh:143 checkConfigOutput '^true$' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-enable.nix ./define-attrsOfSub-if-foo-enable.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineEnable,
      defineAttrsOfSubIfFooEnable,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-enable.nix ./define-attrsOfSub-foo-if-enable.nix
  it("modules.sh:144 checkConfigOutput '^true$' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-enable.nix ./define-attrsOfSub-foo-if-enable.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineEnable,
      defineAttrsOfSubFooIfEnable,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-enable.nix ./define-attrsOfSub-foo-enable-if.nix
  it("modules.sh:145 checkConfigOutput '^true$' config.attrsOfSub.foo.enable ./declare-enable.nix ./declare-attrsOfSub-any-enable.nix ./define-enable.nix ./define-attrsOfSub-foo-enable-if.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.attrsOfSub.foo.enable",
      declareEnable,
      declareAttrsOfSubAnyEnable,
      defineEnable,
      defineAttrsOfSubFooEnableIf,
    );
  });
});

describe("disabledModules on paths, strings and keys", () => {
  // checkConfigOutput '^true$' "$@"
  it("modules.sh:149 checkConfigOutput '^true$' config.enable ./define-enable.nix ./declare-enable.nix", () => {
    checkConfigOutput(/^true$/, "config.enable", defineEnable, declareEnable);
  });
  // checkConfigOutput '^false$' "$@" ./disable-define-enable.nix
  it("modules.sh:150 checkConfigOutput '^false$' config.enable ./define-enable.nix ./declare-enable.nix ./disable-define-enable.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", defineEnable, declareEnable, disableDefineEnable);
  });
  // checkConfigOutput '^false$' "$@" ./disable-define-enable-string-path.nix
  it("modules.sh:151 checkConfigOutput '^false$' config.enable ./define-enable.nix ./declare-enable.nix ./disable-define-enable-string-path.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", defineEnable, declareEnable, disableDefineEnableStringPath);
  });
  // checkConfigError "The option .*enable.* does not exist. Definition values:\n\s*- In .*: true" "$@" ./disable-declare-enable.nix
  it("modules.sh:152 checkConfigError 'The option .*enable.* does not exist. Definition values:\\n\\s*- In .*: true' config.enable ./define-enable.nix ./declare-enable.nix ./disable-declare-enable.nix", () => {
    checkConfigError(
      /The option .*enable.* does not exist. Definition values:\n\s*- In .*: true/,
      "config.enable",
      defineEnable,
      declareEnable,
      disableDeclareEnable,
    );
  });
  // checkConfigError "attribute .*enable.* in selection path .*config.enable.* not found" "$@" ./disable-define-enable.nix ./disable-declare-enable.nix
  it("modules.sh:153 checkConfigError 'attribute .*enable.* in selection path .*config.enable.* not found' config.enable ./define-enable.nix ./declare-enable.nix ./disable-define-enable.nix ./disable-declare-enable.nix", () => {
    checkConfigError(
      /attribute .*enable.* in selection path .*config.enable.* not found/,
      "config.enable",
      defineEnable,
      declareEnable,
      disableDefineEnable,
      disableDeclareEnable,
    );
  });
  // checkConfigError "attribute .*enable.* in selection path .*config.enable.* not found" "$@" ./disable-enable-modules.nix
  it("modules.sh:154 checkConfigError 'attribute .*enable.* in selection path .*config.enable.* not found' config.enable ./define-enable.nix ./declare-enable.nix ./disable-enable-modules.nix", () => {
    checkConfigError(
      /attribute .*enable.* in selection path .*config.enable.* not found/,
      "config.enable",
      defineEnable,
      declareEnable,
      disableEnableModules,
    );
  });
  // checkConfigOutput '^true$' 'config.positive.enable' ./disable-module-with-key.nix
  it("modules.sh:156 checkConfigOutput '^true$' config.positive.enable ./disable-module-with-key.nix", () => {
    checkConfigOutput(/^true$/, "config.positive.enable", disableModuleWithKey);
  });
  // checkConfigOutput '^false$' 'config.negative.enable' ./disable-module-with-key.nix
  it("modules.sh:157 checkConfigOutput '^false$' config.negative.enable ./disable-module-with-key.nix", () => {
    checkConfigOutput(/^false$/, "config.negative.enable", disableModuleWithKey);
  });
  // checkConfigError 'Module ..*disable-module-bad-key.nix. contains a disabledModules item that is an attribute set, presumably a module, that does not have a .key. attribute. .*' 'config.enable' ./disable-module-bad-key.nix
  it("modules.sh:158 checkConfigError 'Module ..*disable-module-bad-key.nix. contains a disabledModules item that is an attribute set, presumably a module, that does not have a .key. attribute. .*' config.enable ./disable-module-bad-key.nix", () => {
    checkConfigError(
      /Module ..*disable-module-bad-key.nix. contains a disabledModules item that is an attribute set, presumably a module, that does not have a .key. attribute. .*/,
      "config.enable",
      disableModuleBadKey,
    );
  });
});

describe("disabledModules with a non-string key", () => {
  // checkConfigOutput '^true$' 'config.positive.enable' ./disable-module-with-toString-key.nix
  it("modules.sh:161 checkConfigOutput '^true$' config.positive.enable ./disable-module-with-toString-key.nix", () => {
    checkConfigOutput(/^true$/, "config.positive.enable", disableModuleWithToStringKey);
  });
  // checkConfigOutput '^false$' 'config.negative.enable' ./disable-module-with-toString-key.nix
  it("modules.sh:162 checkConfigOutput '^false$' config.negative.enable ./disable-module-with-toString-key.nix", () => {
    checkConfigOutput(/^false$/, "config.negative.enable", disableModuleWithToStringKey);
  });
});

describe("_module.args", () => {
  // checkConfigError 'while evaluating the module argument .*custom.* in .*define-enable-with-custom-arg.nix.*:' "$@"
  it("modules.sh:166 checkConfigError 'while evaluating the module argument .*custom.* in .*define-enable-with-custom-arg.nix.*:' config.enable ./declare-enable.nix ./define-enable-with-custom-arg.nix", () => {
    checkConfigError(
      /while evaluating the module argument .*custom.* in .*define-enable-with-custom-arg.nix.*:/,
      "config.enable",
      declareEnable,
      defineEnableWithCustomArg,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-_module-args-custom.nix
  it("modules.sh:167 checkConfigOutput '^true$' config.enable ./declare-enable.nix ./define-enable-with-custom-arg.nix ./define-_module-args-custom.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.enable",
      declareEnable,
      defineEnableWithCustomArg,
      defineModuleArgsCustom,
    );
  });
});

describe("_module.args used by imports recurses infinitely", () => {
  // checkConfigError 'while evaluating the module argument .*custom.* in .*import-custom-arg.nix.*:' "$@"
  it("modules.sh:172 checkConfigError 'while evaluating the module argument .*custom.* in .*import-custom-arg.nix.*:' config.enable ./declare-enable.nix ./define-enable-with-custom-arg.nix ./define-_module-args-custom.nix ./import-custom-arg.nix", () => {
    checkConfigError(
      /while evaluating the module argument .*custom.* in .*import-custom-arg.nix.*:/,
      "config.enable",
      declareEnable,
      defineEnableWithCustomArg,
      defineModuleArgsCustom,
      importCustomArg,
    );
  });
  // checkConfigError 'infinite recursion encountered' "$@"
  it("modules.sh:173 checkConfigError 'infinite recursion encountered' config.enable ./declare-enable.nix ./define-enable-with-custom-arg.nix ./define-_module-args-custom.nix ./import-custom-arg.nix", () => {
    checkConfigError(
      /infinite recursion encountered/,
      "config.enable",
      declareEnable,
      defineEnableWithCustomArg,
      defineModuleArgsCustom,
      importCustomArg,
    );
  });
});

describe("_module.check", () => {
  // checkConfigError 'The option .* does not exist. Definition values:\n\s*- In .*' "$@"
  it("modules.sh:177 checkConfigError 'The option .* does not exist. Definition values:\\n\\s*- In .*' config.enable ./declare-enable.nix ./define-enable.nix ./define-attrsOfSub-foo.nix", () => {
    checkConfigError(
      /The option .* does not exist. Definition values:\n\s*- In .*/,
      "config.enable",
      declareEnable,
      defineEnable,
      defineAttrsOfSubFoo,
    );
  });
  // checkConfigOutput '^true$' "$@" ./define-module-check.nix
  it("modules.sh:178 checkConfigOutput '^true$' config.enable ./declare-enable.nix ./define-enable.nix ./define-attrsOfSub-foo.nix ./define-module-check.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.enable",
      declareEnable,
      defineEnable,
      defineAttrsOfSubFoo,
      defineModuleCheck,
    );
  });
});

describe("types.coercedTo", () => {
  // checkConfigOutput '^"42"$' config.value ./declare-coerced-value.nix
  it("modules.sh:182 checkConfigOutput '^\"42\"$' config.value ./declare-coerced-value.nix", () => {
    checkConfigOutput(/^"42"$/, "config.value", declareCoercedValue);
  });
  // checkConfigOutput '^"24"$' config.value ./declare-coerced-value.nix ./define-value-string.nix
  it("modules.sh:183 checkConfigOutput '^\"24\"$' config.value ./declare-coerced-value.nix ./define-value-string.nix", () => {
    checkConfigOutput(/^"24"$/, "config.value", declareCoercedValue, defineValueString);
  });
  // checkConfigError 'A definition for option .* is not.*string or signed integer convertible to it.*. Definition values:\n\s*- In .*: \[ \]' config.value ./declare-coerced-value.nix ./define-value-list.nix
  it("modules.sh:184 checkConfigError 'A definition for option .* is not.*string or signed integer convertible to it.*. Definition values:\\n\\s*- In .*: \\[ \\]' config.value ./declare-coerced-value.nix ./define-value-list.nix", () => {
    checkConfigError(
      /A definition for option .* is not.*string or signed integer convertible to it.*. Definition values:\n\s*- In .*: \[ \]/,
      "config.value",
      declareCoercedValue,
      defineValueList,
    );
  });
});

describe("types.coercedTo with a coercion the final type can reject", () => {
  // checkConfigOutput '^12$' config.value ./declare-coerced-value-unsound.nix
  it("modules.sh:187 checkConfigOutput '^12$' config.value ./declare-coerced-value-unsound.nix", () => {
    checkConfigOutput(/^12$/, "config.value", declareCoercedValueUnsound);
  });
  // checkConfigError 'A definition for option .* is not of type .*. Definition values:\n\s*- In .*: "1000"' config.value ./declare-coerced-value-unsound.nix ./define-value-string-bigint.nix
  it("modules.sh:188 checkConfigError 'A definition for option .* is not of type .*. Definition values:\\n\\s*- In .*: \"1000\"' config.value ./declare-coerced-value-unsound.nix ./define-value-string-bigint.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .*. Definition values:\n\s*- In .*: "1000"/,
      "config.value",
      declareCoercedValueUnsound,
      defineValueStringBigint,
    );
  });
  // checkConfigError 'toInt: Could not convert .* to int' config.value ./declare-coerced-value-unsound.nix ./define-value-string-arbitrary.nix
  it("modules.sh:189 checkConfigError 'toInt: Could not convert .* to int' config.value ./declare-coerced-value-unsound.nix ./define-value-string-arbitrary.nix", () => {
    checkConfigError(
      /toInt: Could not convert .* to int/,
      "config.value",
      declareCoercedValueUnsound,
      defineValueStringArbitrary,
    );
  });
});

describe("mkAliasOptionModule priorities", () => {
  // checkConfigOutput '^true$' config.enable ./alias-with-priority.nix
  it("modules.sh:192 checkConfigOutput '^true$' config.enable ./alias-with-priority.nix", () => {
    checkConfigOutput(/^true$/, "config.enable", aliasWithPriority);
  });
  // checkConfigOutput '^true$' config.enableAlias ./alias-with-priority.nix
  it("modules.sh:193 checkConfigOutput '^true$' config.enableAlias ./alias-with-priority.nix", () => {
    checkConfigOutput(/^true$/, "config.enableAlias", aliasWithPriority);
  });
  // checkConfigOutput '^false$' config.enable ./alias-with-priority-can-override.nix
  it("modules.sh:194 checkConfigOutput '^false$' config.enable ./alias-with-priority-can-override.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", aliasWithPriorityCanOverride);
  });
  // checkConfigOutput '^false$' config.enableAlias ./alias-with-priority-can-override.nix
  it("modules.sh:195 checkConfigOutput '^false$' config.enableAlias ./alias-with-priority-can-override.nix", () => {
    checkConfigOutput(/^false$/, "config.enableAlias", aliasWithPriorityCanOverride);
  });
});

describe("mkPackageOption", () => {
  // checkConfigOutput '^"hello"$' config.package.pname ./declare-mkPackageOption.nix
  it("modules.sh:198 checkConfigOutput '^\"hello\"$' config.package.pname ./declare-mkPackageOption.nix", () => {
    checkConfigOutput(/^"hello"$/, "config.package.pname", declareMkPackageOption);
  });
  // checkConfigError 'The option .undefinedPackage. is used but not defined' config.undefinedPackage ./declare-mkPackageOption.nix
  it("modules.sh:199 checkConfigError 'The option .undefinedPackage. is used but not defined' config.undefinedPackage ./declare-mkPackageOption.nix", () => {
    checkConfigError(
      /The option .undefinedPackage. is used but not defined/,
      "config.undefinedPackage",
      declareMkPackageOption,
    );
  });
  // checkConfigOutput '^null$' config.nullablePackage ./declare-mkPackageOption.nix
  it("modules.sh:200 checkConfigOutput '^null$' config.nullablePackage ./declare-mkPackageOption.nix", () => {
    checkConfigOutput(/^null$/, "config.nullablePackage", declareMkPackageOption);
  });
});

describe("submoduleWith specialArgs", () => {
  // checkConfigOutput '^"foo"$' config.submodule.foo ./declare-submoduleWith-special.nix
  it("modules.sh:205 checkConfigOutput '^\"foo\"$' config.submodule.foo ./declare-submoduleWith-special.nix", () => {
    checkConfigOutput(/^"foo"$/, "config.submodule.foo", declareSubmoduleWithSpecial);
  });
});

describe("submoduleWith shorthandOnlyDefinesConfig", () => {
  // checkConfigOutput '^true$' config.submodule.config ./declare-submoduleWith-shorthand.nix ./define-submoduleWith-shorthand.nix
  it("modules.sh:208 checkConfigOutput '^true$' config.submodule.config ./declare-submoduleWith-shorthand.nix ./define-submoduleWith-shorthand.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.submodule.config",
      declareSubmoduleWithShorthand,
      defineSubmoduleWithShorthand,
    );
  });
  // checkConfigError 'is not of type `boolean' config.submodule.config ./declare-submoduleWith-shorthand.nix ./define-submoduleWith-noshorthand.nix
  it("modules.sh:209 checkConfigError 'is not of type `boolean' config.submodule.config ./declare-submoduleWith-shorthand.nix ./define-submoduleWith-noshorthand.nix", () => {
    checkConfigError(
      /is not of type `boolean/,
      "config.submodule.config",
      declareSubmoduleWithShorthand,
      defineSubmoduleWithNoshorthand,
    );
  });
  // checkConfigError "You're trying to define a value of type \`bool'\n\s*rather than an attribute set for the option" config.submodule.config ./declare-submoduleWith-noshorthand.nix ./define-submoduleWith-shorthand.nix
  it("modules.sh:210 checkConfigError 'You're trying to define a value of type \\`bool'\\n\\s*rather than an attribute set for the option' config.submodule.config ./declare-submoduleWith-noshorthand.nix ./define-submoduleWith-shorthand.nix", () => {
    checkConfigError(
      /You're trying to define a value of type `bool'\n\s*rather than an attribute set for the option/,
      "config.submodule.config",
      declareSubmoduleWithNoshorthand,
      defineSubmoduleWithShorthand,
    );
  });
  // checkConfigOutput '^true$' config.submodule.config ./declare-submoduleWith-noshorthand.nix ./define-submoduleWith-noshorthand.nix
  it("modules.sh:211 checkConfigOutput '^true$' config.submodule.config ./declare-submoduleWith-noshorthand.nix ./define-submoduleWith-noshorthand.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.submodule.config",
      declareSubmoduleWithNoshorthand,
      defineSubmoduleWithNoshorthand,
    );
  });
});

describe("submoduleWith merges type modules and definitions together", () => {
  // checkConfigOutput '^true$' config.submodule.inner ./declare-submoduleWith-modules.nix
  it("modules.sh:214 checkConfigOutput '^true$' config.submodule.inner ./declare-submoduleWith-modules.nix", () => {
    checkConfigOutput(/^true$/, "config.submodule.inner", declareSubmoduleWithModules);
  });
  // checkConfigOutput '^true$' config.submodule.outer ./declare-submoduleWith-modules.nix
  it("modules.sh:215 checkConfigOutput '^true$' config.submodule.outer ./declare-submoduleWith-modules.nix", () => {
    checkConfigOutput(/^true$/, "config.submodule.outer", declareSubmoduleWithModules);
  });
});

describe("the submodule type's description", () => {
  // checkConfigOutput '^"submodule"$' options.submodule.type.description ./declare-submoduleWith-modules.nix
  it("modules.sh:218 checkConfigOutput '^\"submodule\"$' options.submodule.type.description ./declare-submoduleWith-modules.nix", () => {
    checkConfigOutput(/^"submodule"$/, "options.submodule.type.description", declareSubmoduleWithModules);
  });
});

describe("the type of an evalModules result", () => {
  // checkConfigOutput '^true$' config.submodule.inner ./declare-submodule-via-evalModules.nix
  it("modules.sh:221 checkConfigOutput '^true$' config.submodule.inner ./declare-submodule-via-evalModules.nix", () => {
    checkConfigOutput(/^true$/, "config.submodule.inner", declareSubmoduleViaEvalModules);
  });
  // checkConfigOutput '^true$' config.submodule.outer ./declare-submodule-via-evalModules.nix
  it("modules.sh:222 checkConfigOutput '^true$' config.submodule.outer ./declare-submodule-via-evalModules.nix", () => {
    checkConfigOutput(/^true$/, "config.submodule.outer", declareSubmoduleViaEvalModules);
  });
});

describe("the description of an evalModules type", () => {
  // checkConfigOutput '^"submodule"$' options.submodule.type.description ./declare-submodule-via-evalModules.nix
  it("modules.sh:225 checkConfigOutput '^\"submodule\"$' options.submodule.type.description ./declare-submodule-via-evalModules.nix", () => {
    checkConfigOutput(/^"submodule"$/, "options.submodule.type.description", declareSubmoduleViaEvalModules);
  });
});
