// Port of nixpkgs lib/tests/modules.sh, lines 227-265: paths in submoduleWith,
// deferredModule, file locations in submodules, recursive disabledModules, definitions
// depending on option existence, attrsOf vs lazyAttrsOf.
// Each test names the upstream line and its check; ./x.nix stands for test/upstream/modules/x.ts.
import { describe, it } from "vitest";
import { checkConfigError, checkConfigOutput } from "./harness.js";
import attrsOfConditionalCheck from "./modules/attrsOf-conditional-check.js";
import attrsOfLazyCheck from "./modules/attrsOf-lazy-check.js";
import declareAttrsOf from "./modules/declare-attrsOf.js";
import declareEnableNested from "./modules/declare-enable-nested.js";
import declareEnable from "./modules/declare-enable.js";
import declareIntPositiveValueNested from "./modules/declare-int-positive-value-nested.js";
import declareIntPositiveValue from "./modules/declare-int-positive-value.js";
import declareLazyAttrsOf from "./modules/declare-lazyAttrsOf.js";
import declareSubmoduleWithPath from "./modules/declare-submoduleWith-path.js";
import deferredModuleError from "./modules/deferred-module-error.js";
import deferredModule from "./modules/deferred-module.js";
import defineOptionDependentlyNested from "./modules/define-option-dependently-nested.js";
import defineOptionDependently from "./modules/define-option-dependently.js";
import disableBar from "./modules/disable-recursive/disable-bar.js";
import disableFoo from "./modules/disable-recursive/disable-foo.js";
import main from "./modules/disable-recursive/main.js";
import submoduleFiles from "./modules/submoduleFiles.js";

describe("modules.sh: paths in submoduleWith", () => {
  it("modules.sh:228 checkConfigOutput '^true$' config.submodule.enable ./declare-submoduleWith-path.nix", () => {
    checkConfigOutput(/^true$/, "config.submodule.enable", declareSubmoduleWithPath);
  });
});

describe("modules.sh: deferredModule", () => {
  it("modules.sh:232 checkConfigOutput '\"beta\"' config.nodes.foo.settingsDict.c ./deferred-module.nix", () => {
    checkConfigOutput(/"beta"/, "config.nodes.foo.settingsDict.c", deferredModule);
  });
  it("modules.sh:234 checkConfigError 'In `the-file-that-contains-the-bad-config.nix, via option default': \"bogus\"' config.nodes.foo.bottom ./deferred-module.nix", () => {
    checkConfigError(
      /In `the-file-that-contains-the-bad-config.nix, via option default': "bogus"/,
      "config.nodes.foo.bottom",
      deferredModule,
    );
  });
  it("modules.sh:235 checkConfigError '...deferred-module-error.nix, via option deferred (:anon-1:anon-1:anon-1) does not look like a module.' config.result ./deferred-module-error.nix", () => {
    checkConfigError(
      /.*lib\/tests\/modules\/deferred-module-error.nix, via option deferred [(]:anon-1:anon-1:anon-1[)] does not look like a module./,
      "config.result",
      deferredModuleError,
    );
  });
});

describe("modules.sh: file locations in submodules", () => {
  it("modules.sh:238 checkConfigOutput the-file.nix config.submodule.internalFiles.0 ./submoduleFiles.nix", () => {
    checkConfigOutput(/the-file.nix/, "config.submodule.internalFiles.0", submoduleFiles);
  });
});

describe("modules.sh: disabledModules works recursively", () => {
  it("modules.sh:242 checkConfigOutput '^true$' config.enable ./disable-recursive/main.nix", () => {
    checkConfigOutput(/^true$/, "config.enable", main);
  });
  it("modules.sh:243 checkConfigOutput '^true$' config.enable ./disable-recursive/{main.nix,disable-foo.nix}", () => {
    checkConfigOutput(/^true$/, "config.enable", main, disableFoo);
  });
  it("modules.sh:244 checkConfigOutput '^true$' config.enable ./disable-recursive/{main.nix,disable-bar.nix}", () => {
    checkConfigOutput(/^true$/, "config.enable", main, disableBar);
  });
  it("modules.sh:245 checkConfigError 'The option .* does not exist. Definition values:\\n\\s*- In .*: true' config.enable ./disable-recursive/{main.nix,disable-foo.nix,disable-bar.nix}", () => {
    checkConfigError(
      /The option .* does not exist. Definition values:\n\s*- In .*: true/,
      "config.enable",
      main,
      disableFoo,
      disableBar,
    );
  });
});

describe("modules.sh: definitions conditional on option existence", () => {
  it("modules.sh:251 checkConfigOutput '^true$' config.enable ./define-option-dependently.nix ./declare-enable.nix ./declare-int-positive-value.nix", () => {
    checkConfigOutput(/^true$/, "config.enable", defineOptionDependently, declareEnable, declareIntPositiveValue);
  });
  it("modules.sh:252 checkConfigOutput '^360$' config.value ./define-option-dependently.nix ./declare-enable.nix ./declare-int-positive-value.nix", () => {
    checkConfigOutput(/^360$/, "config.value", defineOptionDependently, declareEnable, declareIntPositiveValue);
  });
  it("modules.sh:253 checkConfigOutput '^7$' config.value ./define-option-dependently.nix ./declare-int-positive-value.nix", () => {
    checkConfigOutput(/^7$/, "config.value", defineOptionDependently, declareIntPositiveValue);
  });
  it("modules.sh:254 checkConfigOutput '^true$' config.set.enable ./define-option-dependently-nested.nix ./declare-enable-nested.nix ./declare-int-positive-value-nested.nix", () => {
    checkConfigOutput(
      /^true$/,
      "config.set.enable",
      defineOptionDependentlyNested,
      declareEnableNested,
      declareIntPositiveValueNested,
    );
  });
  it("modules.sh:255 checkConfigOutput '^360$' config.set.value ./define-option-dependently-nested.nix ./declare-enable-nested.nix ./declare-int-positive-value-nested.nix", () => {
    checkConfigOutput(
      /^360$/,
      "config.set.value",
      defineOptionDependentlyNested,
      declareEnableNested,
      declareIntPositiveValueNested,
    );
  });
  it("modules.sh:256 checkConfigOutput '^7$' config.set.value ./define-option-dependently-nested.nix ./declare-int-positive-value-nested.nix", () => {
    checkConfigOutput(/^7$/, "config.set.value", defineOptionDependentlyNested, declareIntPositiveValueNested);
  });
});

describe("modules.sh: attrsOf and lazyAttrsOf", () => {
  it("modules.sh:261 checkConfigError 'is not lazy' config.isLazy ./declare-attrsOf.nix ./attrsOf-lazy-check.nix", () => {
    checkConfigError(/is not lazy/, "config.isLazy", declareAttrsOf, attrsOfLazyCheck);
  });
  it("modules.sh:262 checkConfigOutput '^true$' config.isLazy ./declare-lazyAttrsOf.nix ./attrsOf-lazy-check.nix", () => {
    checkConfigOutput(/^true$/, "config.isLazy", declareLazyAttrsOf, attrsOfLazyCheck);
  });
  it("modules.sh:263 checkConfigOutput '^true$' config.conditionalWorks ./declare-attrsOf.nix ./attrsOf-conditional-check.nix", () => {
    checkConfigOutput(/^true$/, "config.conditionalWorks", declareAttrsOf, attrsOfConditionalCheck);
  });
  it("modules.sh:264 checkConfigOutput '^false$' config.conditionalWorks ./declare-lazyAttrsOf.nix ./attrsOf-conditional-check.nix", () => {
    checkConfigOutput(/^false$/, "config.conditionalWorks", declareLazyAttrsOf, attrsOfConditionalCheck);
  });
  it("modules.sh:265 checkConfigOutput '^\"empty\"$' config.value.foo ./declare-lazyAttrsOf.nix ./attrsOf-conditional-check.nix", () => {
    checkConfigOutput(/^"empty"$/, "config.value.foo", declareLazyAttrsOf, attrsOfConditionalCheck);
  });
});
