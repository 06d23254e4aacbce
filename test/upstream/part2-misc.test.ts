// Port of nixpkgs lib/tests/modules.sh, lines 361-420: option collisions, types.optionType,
// ad-hoc freeform types, extendModules, module classes, `_type` checks, doRename and
// deduplication by key.
// Each test names the upstream line and its check; ./x.nix stands for test/upstream/modules/x.ts.
import { describe, it } from "vitest";
import { checkConfigError, checkConfigOutput } from "./harness.js";
import adhocFreeformTypeSurvivesTypeMerge from "./modules/adhoc-freeformType-survives-type-merge.js";
import classCheck from "./modules/class-check.js";
import declareEnableNested from "./modules/declare-enable-nested.js";
import declareEnable from "./modules/declare-enable.js";
import declareSet from "./modules/declare-set.js";
import defineEnableWithTopLevelMkIf from "./modules/define-enable-with-top-level-mkIf.js";
import doRenameBasic from "./modules/doRename-basic.js";
import doRenameWarnings from "./modules/doRename-warnings.js";
import extendModules168767Imports from "./modules/extendModules-168767-imports.js";
import importConfiguration from "./modules/import-configuration.js";
import mergeModuleWithKey from "./modules/merge-module-with-key.js";
import moduleImportsTypeCheck from "./modules/module-imports-_type-check.js";
import optionTypeFile from "./modules/optionTypeFile.js";
import optionTypeMerging from "./modules/optionTypeMerging.js";

describe("modules.sh: option collision", () => {
  it("modules.sh:363 checkConfigError 'The option .set. in module .*/declare-set.nix. would be a parent of the following options, ...' config.set ./declare-set.nix ./declare-enable-nested.nix", () => {
    checkConfigError(
      /The option .set. in module .*\/declare-set.nix. would be a parent of the following options, but its type .attribute set of signed integer. does not support nested options.\n\s*- option[(]s[)] with prefix .set.enable. in module .*\/declare-enable-nested.nix./,
      "config.set",
      declareSet,
      declareEnableNested,
    );
  });
});

describe("modules.sh: types.optionType", () => {
  it("modules.sh:369 checkConfigOutput '^10$' config.theOption.int ./optionTypeMerging.nix", () => {
    checkConfigOutput(/^10$/, "config.theOption.int", optionTypeMerging);
  });
  it("modules.sh:370 checkConfigOutput '^\"hello\"$' config.theOption.str ./optionTypeMerging.nix", () => {
    checkConfigOutput(/^"hello"$/, "config.theOption.str", optionTypeMerging);
  });
  it("modules.sh:373 checkConfigError 'The option .theOption.nested. in .other.nix. is already declared in .optionTypeFile.nix.' config.theOption.nested ./optionTypeFile.nix", () => {
    checkConfigError(
      /The option .theOption.nested. in .other.nix. is already declared in .optionTypeFile.nix./,
      "config.theOption.nested",
      optionTypeFile,
    );
  });
  it("modules.sh:376 checkConfigOutput 'ok' config.freeformItems.foo.bar ./adhoc-freeformType-survives-type-merge.nix", () => {
    checkConfigOutput(/ok/, "config.freeformItems.foo.bar", adhocFreeformTypeSurvivesTypeMerge);
  });
});

describe("modules.sh: extendModules", () => {
  it("modules.sh:380 checkConfigOutput '^1$' config.sub.specialisation.value ./extendModules-168767-imports.nix", () => {
    checkConfigOutput(/^1$/, "config.sub.specialisation.value", extendModules168767Imports);
  });
});

describe("modules.sh: class checks", () => {
  it("modules.sh:383 checkConfigOutput '^{ }$' config.ok.config ./class-check.nix", () => {
    checkConfigOutput(/^\{ \}$/, "config.ok.config", classCheck);
  });
  it("modules.sh:384 checkConfigOutput '\"nixos\"' config.ok.class ./class-check.nix", () => {
    checkConfigOutput(/"nixos"/, "config.ok.class", classCheck);
  });
  it("modules.sh:385 checkConfigError 'The module .*/module-class-is-darwin.nix was imported into nixos instead of darwin.' config.fail.config ./class-check.nix", () => {
    checkConfigError(
      /The module .*\/module-class-is-darwin.nix was imported into nixos instead of darwin./,
      "config.fail.config",
      classCheck,
    );
  });
  it("modules.sh:386 checkConfigError 'The module foo.nix#darwinModules.default was imported into nixos instead of darwin.' config.fail-anon.config ./class-check.nix", () => {
    checkConfigError(
      /The module foo.nix#darwinModules.default was imported into nixos instead of darwin./,
      "config.fail-anon.config",
      classCheck,
    );
  });
  it("modules.sh:389 checkConfigOutput '^{ }$' config.sub.nixosOk ./class-check.nix", () => {
    checkConfigOutput(/^\{ \}$/, "config.sub.nixosOk", classCheck);
  });
  it("modules.sh:390 checkConfigError 'The module .*/module-class-is-darwin.nix was imported into nixos instead of darwin.' config.sub.nixosFail.config ./class-check.nix", () => {
    checkConfigError(
      /The module .*\/module-class-is-darwin.nix was imported into nixos instead of darwin./,
      "config.sub.nixosFail.config",
      classCheck,
    );
  });
  it("modules.sh:393 checkConfigError 'A submoduleWith option is declared multiple times with conflicting class values \"darwin\" and \"nixos\".' config.sub.mergeFail.config ./class-check.nix", () => {
    checkConfigError(
      /A submoduleWith option is declared multiple times with conflicting class values "darwin" and "nixos"./,
      "config.sub.mergeFail.config",
      classCheck,
    );
  });
});

describe("modules.sh: _type checks", () => {
  it("modules.sh:396 checkConfigError 'Could not load a value as a module, because it is of type \"flake\", in file .*/module-imports-_type-check.nix' config.ok.config ./module-imports-_type-check.nix", () => {
    checkConfigError(
      /Could not load a value as a module, because it is of type "flake", in file .*\/module-imports-_type-check.nix/,
      "config.ok.config",
      moduleImportsTypeCheck,
    );
  });
  it("modules.sh:397 checkConfigOutput '^true$' config.enable ./declare-enable.nix ./define-enable-with-top-level-mkIf.nix", () => {
    checkConfigOutput(/^true$/, "config.enable", declareEnable, defineEnableWithTopLevelMkIf);
  });
  it("modules.sh:398 checkConfigError 'Could not load a value as a module, because it is of type \"configuration\", in file .*/import-configuration.nix.*please only import the modules that make up the configuration.*' config ./import-configuration.nix", () => {
    checkConfigError(
      /Could not load a value as a module, because it is of type "configuration", in file .*\/import-configuration.nix.*please only import the modules that make up the configuration.*/,
      "config",
      importConfiguration,
    );
  });
});

describe("modules.sh: doRename", () => {
  it("modules.sh:401 checkConfigOutput '^1234$' config.c.d.e ./doRename-basic.nix", () => {
    checkConfigOutput(/^1234$/, "config.c.d.e", doRenameBasic);
  });
  it("modules.sh:403 checkConfigOutput '^\"The option `a.b. defined in `.*/doRename-warnings.nix. has been renamed to `c.d.e.\\.\"$' config.result ./doRename-warnings.nix", () => {
    checkConfigOutput(
      /^"The option `a\.b. defined in `.*\/doRename-warnings\.nix. has been renamed to `c\.d\.e.\."$/,
      "config.result",
      doRenameWarnings,
    );
  });
});

describe("modules.sh: anonymous modules are deduplicated by key", () => {
  it("modules.sh:408 checkConfigOutput '^\"pear\"$' config.once.raw ./merge-module-with-key.nix", () => {
    checkConfigOutput(/^"pear"$/, "config.once.raw", mergeModuleWithKey);
  });
  it("modules.sh:409 checkConfigOutput '^\"pear\\\\npear\"$' config.twice.raw ./merge-module-with-key.nix", () => {
    checkConfigOutput(/^"pear\\npear"$/, "config.twice.raw", mergeModuleWithKey);
  });
});
