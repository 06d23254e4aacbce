// Port of nixpkgs lib/tests/modules.sh, lines 266-300: type errors with several
// definitions, and freeform modules.
// Each test names the upstream line and its check; ./x.nix stands for test/upstream/modules/x.ts.
import { describe, it } from "vitest";
import { checkConfigError, checkConfigOutput } from "./harness.js";
import declareEnable from "./modules/declare-enable.js";
import declareIntUnsignedValue from "./modules/declare-int-unsigned-value.js";
import defineFreeformKeywordsShorthand from "./modules/define-freeform-keywords-shorthand.js";
import defineValueIntPositive from "./modules/define-value-int-positive.js";
import defineValueList from "./modules/define-value-list.js";
import defineValueStringProperties from "./modules/define-value-string-properties.js";
import defineValueString from "./modules/define-value-string.js";
import freeformAttrsOf from "./modules/freeform-attrsOf.js";
import freeformLazyAttrsOf from "./modules/freeform-lazyAttrsOf.js";
import freeformNested from "./modules/freeform-nested.js";
import freeformStrDepUnstr from "./modules/freeform-str-dep-unstr.js";
import freeformSubmodules from "./modules/freeform-submodules.js";
import freeformUnstrDepStr from "./modules/freeform-unstr-dep-str.js";

describe("modules.sh: a type error in any of several definitions", () => {
  it("modules.sh:269 checkConfigError 'A definition for option .* is not of type .*' config.value ./declare-int-unsigned-value.nix ./define-value-list.nix ./define-value-int-positive.nix", () => {
    checkConfigError(
      /A definition for option .* is not of type .*/,
      "config.value",
      declareIntUnsignedValue,
      defineValueList,
      defineValueIntPositive,
    );
  });
});

describe("modules.sh: freeform modules", () => {
  it("modules.sh:274 checkConfigOutput '^\"24\"$' config.value ./freeform-attrsOf.nix ./define-value-string.nix", () => {
    checkConfigOutput(/^"24"$/, "config.value", freeformAttrsOf, defineValueString);
  });
  it("modules.sh:276 checkConfigOutput '^true$' options._module.args.value.result ./freeform-attrsOf.nix ./define-freeform-keywords-shorthand.nix", () => {
    checkConfigOutput(/^true$/, "options._module.args.value.result", freeformAttrsOf, defineFreeformKeywordsShorthand);
  });
  it("modules.sh:278 checkConfigOutput '^{ }$' config ./freeform-attrsOf.nix", () => {
    checkConfigOutput(/^\{ \}$/, "config", freeformAttrsOf);
  });
  it("modules.sh:280 checkConfigError 'A definition for option .* is not of type .*' config.value ./freeform-attrsOf.nix ./define-value-list.nix", () => {
    checkConfigError(/A definition for option .* is not of type .*/, "config.value", freeformAttrsOf, defineValueList);
  });
  it("modules.sh:282 checkConfigOutput '^\"yes\"$' config.value ./freeform-attrsOf.nix ./define-value-string-properties.nix", () => {
    checkConfigOutput(/^"yes"$/, "config.value", freeformAttrsOf, defineValueStringProperties);
  });
  it("modules.sh:284 checkConfigOutput '^false$' config.enable ./freeform-attrsOf.nix ./define-value-string.nix ./declare-enable.nix", () => {
    checkConfigOutput(/^false$/, "config.enable", freeformAttrsOf, defineValueString, declareEnable);
  });
  it("modules.sh:285 checkConfigOutput '^\"24\"$' config.value ./freeform-attrsOf.nix ./define-value-string.nix ./declare-enable.nix", () => {
    checkConfigOutput(/^"24"$/, "config.value", freeformAttrsOf, defineValueString, declareEnable);
  });
  it("modules.sh:287 checkConfigOutput '^false$' config.nest.foo ./freeform-attrsOf.nix ./freeform-nested.nix", () => {
    checkConfigOutput(/^false$/, "config.nest.foo", freeformAttrsOf, freeformNested);
  });
  it("modules.sh:288 checkConfigOutput '^\"bar\"$' config.nest.bar ./freeform-attrsOf.nix ./freeform-nested.nix", () => {
    checkConfigOutput(/^"bar"$/, "config.nest.bar", freeformAttrsOf, freeformNested);
  });
  it("modules.sh:290 checkConfigOutput '^null$' config.foo ./freeform-attrsOf.nix ./freeform-str-dep-unstr.nix", () => {
    checkConfigOutput(/^null$/, "config.foo", freeformAttrsOf, freeformStrDepUnstr);
  });
  it("modules.sh:291 checkConfigOutput '^\"24\"$' config.foo ./freeform-attrsOf.nix ./freeform-str-dep-unstr.nix ./define-value-string.nix", () => {
    checkConfigOutput(/^"24"$/, "config.foo", freeformAttrsOf, freeformStrDepUnstr, defineValueString);
  });
  it("modules.sh:293 checkConfigError 'infinite recursion encountered' config.foo ./freeform-attrsOf.nix ./freeform-unstr-dep-str.nix", () => {
    checkConfigError(/infinite recursion encountered/, "config.foo", freeformAttrsOf, freeformUnstrDepStr);
  });
  it("modules.sh:294 checkConfigError 'The option .* is used but not defined' config.foo ./freeform-lazyAttrsOf.nix ./freeform-unstr-dep-str.nix", () => {
    checkConfigError(/The option .* is used but not defined/, "config.foo", freeformLazyAttrsOf, freeformUnstrDepStr);
  });
  it("modules.sh:295 checkConfigOutput '^\"24\"$' config.foo ./freeform-lazyAttrsOf.nix ./freeform-unstr-dep-str.nix ./define-value-string.nix", () => {
    checkConfigOutput(/^"24"$/, "config.foo", freeformLazyAttrsOf, freeformUnstrDepStr, defineValueString);
  });
  it("modules.sh:297 checkConfigOutput '/freeform-submodules.nix\"$' config.fooDeclarations.0 ./freeform-submodules.nix", () => {
    checkConfigOutput(/\/freeform-submodules.nix"$/, "config.fooDeclarations.0", freeformSubmodules);
  });
  it("modules.sh:299 checkConfigOutput '^10$' config.free.xxx.foo ./freeform-submodules.nix", () => {
    checkConfigOutput(/^10$/, "config.free.xxx.foo", freeformSubmodules);
  });
  it("modules.sh:300 checkConfigOutput '^10$' config.free.yyy.bar ./freeform-submodules.nix", () => {
    checkConfigOutput(/^10$/, "config.free.yyy.bar", freeformSubmodules);
  });
});
