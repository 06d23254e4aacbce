// The option helper modules (lib/modules.nix's doRename family). The warnings, assertion messages,
// traces and values expected here are what real Nix printed for the same modules.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { withLibRevision } from "../../src/lib/lib-revision.js";
import { captureTraces } from "../../src/lib/nix/trivial.js";
import { mkOption, mkEnableOption, mkPackageOption } from "../../src/lib/options.js";
import { mkDefault, mkForce } from "../../src/lib/properties.js";
import {
  doRename,
  mkAliasOptionModule,
  mkChangedOptionModule,
  mkMergedOptionModule,
  mkRemovedOptionModule,
  mkRenamedOptionModule,
  mkRenamedOptionModuleWith,
} from "../../src/lib/renames.js";
import type { Module } from "../../src/lib/module-types.js";
import { types as T } from "../../src/types/index.js";
import { errorAt, warningsAndAssertions } from "./helpers.js";

const newInt: Module = { options: { b: { new: mkOption({ type: T.int }) } } };
const run = (...modules: Module[]) => {
  const { config, options } = evalModules({ modules: [warningsAndAssertions, ...modules] });
  const failed = () =>
    (config.assertions as { assertion: boolean; message: string }[])
      .filter((a) => !a.assertion)
      .map((a) => a.message);
  return { config, options, failed };
};
const ansi = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m", "g");
const renamed = "The option `a.old' defined in `u.nix' has been renamed to `b.new'.";

describe("mkRenamedOptionModule", () => {
  it("forwards the definition and warns naming the file", () => {
    const r = run(mkRenamedOptionModule(["a", "old"], ["b", "new"]), newInt, {
      _file: "u.nix",
      a: { old: 3 },
    });
    expect(r.config.b.new).toBe(3);
    expect(r.config.warnings).toEqual([renamed]);
    expect(r.failed()).toEqual([]);
  });

  it("no definition, no warning; the old option is an invisible alias", () => {
    const r = run(mkRenamedOptionModule(["a", "old"], ["b", "new"]), newInt);
    expect(r.config.warnings).toEqual([]);
    expect(r.options.a.old.description).toBe("Alias of {option}`b.new`.");
    expect(r.options.a.old.visible).toBe(false);
  });

  it("reading the old option traces and gives the new option's value", () => {
    const withDefault = { options: { b: { new: mkOption({ type: T.int, default: 5 }) } } };
    const r = run(mkRenamedOptionModule(["a", "old"], ["b", "new"]), withDefault);
    const { result, traces } = captureTraces(() => r.config.a.old);
    expect(result).toBe(5);
    expect(traces).toEqual(["Obsolete option `a.old' is used. It was renamed to `b.new'."]);
  });

  it("several files are named in the warning; definitions are merged into the new option", () => {
    const listNew = { options: { b: { new: mkOption({ type: T.listOf(T.int) }) } } };
    const r = run(
      mkRenamedOptionModule(["a", "old"], ["b", "new"]),
      listNew,
      { _file: "u.nix", a: { old: [1] } },
      { _file: "v.nix", a: { old: [2] } },
      { b: { new: [3] } },
    );
    expect(r.config.b.new).toEqual([3, 2, 1]);
    expect(r.config.warnings).toEqual([
      "The option `a.old' defined in `v.nix' and `u.nix' has been renamed to `b.new'.",
    ]);
  });
});

describe("mkRenamedOptionModuleWith", () => {
  it("warns when sinceRelease is in the oldest supported release", () => {
    const r = run(
      mkRenamedOptionModuleWith({ from: ["a", "old"], to: ["b", "new"], sinceRelease: 2305 }),
      newInt,
      { _file: "u.nix", a: { old: 3 } },
    );
    expect([r.config.b.new, r.config.warnings]).toEqual([3, [renamed]]);
  });

  // The oldest release the lib supports: 23.05 for the lib of 2023-07, 24.11 for that of 2025-06.
  const warningsSince = (sinceRelease: number) =>
    run(mkRenamedOptionModuleWith({ from: ["a", "old"], to: ["b", "new"], sinceRelease }), newInt, {
      _file: "u.nix",
      a: { old: 3 },
    }).config.warnings;

  it("does not warn for a newer release", () => {
    withLibRevision("2023-07", () => expect(warningsSince(2311)).toEqual([]));
    expect(warningsSince(2505)).toEqual([]);
  });

  it("warns for a release the 2025-06 lib supports, and the 2023-07 lib does not", () => {
    expect([warningsSince(2311), warningsSince(2411)]).toEqual([[renamed], [renamed]]);
  });

  it("reading the old option warns with lib.warn, in the words of the lib in force", () => {
    const withDefault = { options: { b: { new: mkOption({ type: T.int, default: 1 }) } } };
    const read = () => {
      const r = run(
        mkRenamedOptionModuleWith({ from: ["a", "old"], to: ["b", "new"], sinceRelease: 2305 }),
        withDefault,
      );
      const { result, traces } = captureTraces(() => r.config.a.old);
      expect(result).toBe(1);
      return traces.map((t) => t.replace(ansi, ""));
    };
    expect(withLibRevision("2023-07", read)).toEqual([
      "warning: Obsolete option `a.old' is used. It was renamed to `b.new'.",
    ]);
    expect(read()).toEqual([
      "evaluation warning: Obsolete option `a.old' is used. It was renamed to `b.new'.",
    ]);
  });
});

describe("mkChangedOptionModule and mkMergedOptionModule", () => {
  const changed = (from: string) =>
    `The option \`${from}' defined in \`u.nix' has been changed to \`b.new' that has a different type. Please read \`b.new' documentation and update your configuration accordingly.`;

  it("mkChangedOptionModule converts the value and warns", () => {
    const r = run(
      mkChangedOptionModule(["a", "old"], ["b", "new"], (c: any) => c.a.old + 1),
      newInt,
      { _file: "u.nix", a: { old: 3 } },
    );
    expect(r.config.b.new).toBe(4);
    expect(r.config.warnings).toEqual([changed("a.old")]);
  });

  it("mkMergedOptionModule merges several old options, one warning each", () => {
    const r = run(
      mkMergedOptionModule(
        [
          ["a", "x"],
          ["a", "y"],
        ],
        ["b", "new"],
        (c: any) => c.a.x + c.a.y,
      ),
      newInt,
      { _file: "u.nix", a: { x: 3, y: 4 } },
    );
    expect(r.config.b.new).toBe(7);
    expect(r.config.warnings).toEqual([changed("a.x"), changed("a.y")]);
  });

  it("an old option nobody set reads as the sentinel, like Nix", () => {
    const r = run(
      mkMergedOptionModule(
        [
          ["a", "x"],
          ["a", "y"],
        ],
        ["b", "new"],
        () => 1,
      ),
      newInt,
    );
    expect(r.config.a.x).toBe("_mkMergedOptionModule");
    expect(r.config.warnings).toEqual([]);
  });
});

describe("mkRemovedOptionModule", () => {
  it("a definition fails an assertion naming the files, with the instructions", () => {
    const r = run(
      mkRemovedOptionModule(["a", "old"], "Use foo instead."),
      { _file: "u.nix", a: { old: 3 } },
      { _file: "w.nix", a: { old: 4 } },
    );
    expect(r.failed()).toEqual([
      "The option definition `a.old' in `w.nix' and `u.nix' no longer has any effect; please remove it.\nUse foo instead.\n",
    ]);
    expect(r.config.warnings).toEqual([]);
  });

  it("no definition, no failed assertion", () => {
    expect(run(mkRemovedOptionModule(["a", "old"], "Use foo instead.")).failed()).toEqual([]);
  });

  it("reading the option throws the removal message", () => {
    expect(() => run(mkRemovedOptionModule(["a", "old"], "Use foo instead.")).config.a.old).toThrow(
      "The option `a.old' can no longer be used since it's been removed. Use foo instead.",
    );
  });
});

describe("mkAliasOptionModule and doRename", () => {
  it("an alias forwards silently and is visible", () => {
    const r = run(mkAliasOptionModule(["a", "old"], ["b", "new"]), newInt, { _file: "u.nix", a: { old: 3 } });
    expect([r.config.b.new, r.config.warnings, r.options.a.old.visible]).toEqual([3, [], true]);
  });

  it("keeps the definition's priority", () => {
    const alias = mkAliasOptionModule(["a", "old"], ["b", "new"]);
    expect(run(alias, newInt, { a: { old: mkDefault(3) } }, { b: { new: 4 } }).config.b.new).toBe(4);
    expect(run(alias, newInt, { a: { old: mkForce(3) } }, { b: { new: 4 } }).config.b.new).toBe(3);
  });

  it("doRename with warn and visible", () => {
    const r = run(
      doRename({ from: ["a", "old"], to: ["b", "new"], visible: true, warn: true, use: (x: unknown) => x }),
      newInt,
      { _file: "u.nix", a: { old: 3 } },
    );
    expect([r.config.b.new, r.config.warnings]).toEqual([3, [renamed]]);
    expect(r.options.a.old.description).toBe("Alias of {option}`b.new`.");
    expect(r.options.a.old.visible).toBe(true);
  });

  it("renaming to an option that does not exist: the forwarded definition is undeclared", () => {
    expect(
      errorAt(
        [
          warningsAndAssertions,
          mkRenamedOptionModule(["a", "old"], ["b", "new"]),
          { _file: "u.nix", a: { old: 3 } },
        ],
        "warnings",
      ),
    ).toMatch(/^error: The option `b' does not exist\. Definition values:/);
  });
});

describe("mkEnableOption and mkPackageOption", () => {
  const pkgs = {
    hello: { type: "derivation", name: "hello", outPath: "/nix/store/h" },
    py: { pkg: { type: "derivation", name: "p", outPath: "/nix/store/p" } },
  };

  it("mkEnableOption", () => {
    const o: any = mkEnableOption("the thing");
    expect([o.description, o.default, o.example, o.type.description]).toEqual([
      "Whether to enable the thing.",
      false,
      true,
      "boolean",
    ]);
  });

  it("mkPackageOption with the defaults", () => {
    const o: any = mkPackageOption(pkgs, "hello");
    expect([o.description, o.default.outPath, o.defaultText, o.example, o.type.description]).toEqual([
      "The hello package to use.",
      "/nix/store/h",
      { _type: "literalExpression", text: "pkgs.hello" },
      undefined,
      "package",
    ]);
  });

  it("mkPackageOption with a default path and examples", () => {
    const o: any = mkPackageOption(pkgs, "python", { default: ["py", "pkg"], example: "pkgs.foo" });
    expect([o.description, o.default.outPath, o.defaultText.text, o.example]).toEqual([
      "The python package to use.",
      "/nix/store/p",
      "pkgs.py.pkg",
      { _type: "literalExpression", text: "pkgs.foo" },
    ]);
    const p: any = mkPackageOption(pkgs, "hello", { example: ["py", "pkg"] });
    expect(p.example).toEqual({ _type: "literalExpression", text: "pkgs.py.pkg" });
  });

  it("mkPackageOption nullable without a default, with extra description", () => {
    const o: any = mkPackageOption(pkgs, "thing", {
      default: null,
      nullable: true,
      extraDescription: "Extra.",
    });
    expect([o.description, o.default, "defaultText" in o, o.type.description]).toEqual([
      "The thing package to use. Extra.",
      null,
      false,
      "null or package",
    ]);
  });
});
