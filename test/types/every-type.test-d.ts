/**
 * The value type of every option type, as `ConfigOf` infers it: the same under this project's
 * tsconfig and under the strictest one a user may have (`tsc --init` of TypeScript 5.9 turns on
 * `exactOptionalPropertyTypes` and `noUncheckedIndexedAccess`), compiled against the package's
 * declaration files: test/docs/new-project.test.ts compiles this file in a new project.
 * It imports only what a user of the package imports.
 */
import { expectTypeOf, test } from "vitest";
import { mkOption, types, type ConfigOf } from "nixmod";

test("every type of `types` gives its value type to ConfigOf", () => {
  const sub = types.submodule({ options: { name: mkOption({ type: types.str }) } });
  const _options = {
    raw: mkOption({ type: types.raw }),
    anything: mkOption({ type: types.anything }),
    unspecified: mkOption({ type: types.unspecified }),
    bool: mkOption({ type: types.bool }),
    int: mkOption({ type: types.int }),
    between: mkOption({ type: types.ints.between(1, 9) }),
    unsigned: mkOption({ type: types.ints.unsigned }),
    positive: mkOption({ type: types.ints.positive }),
    u8: mkOption({ type: types.ints.u8 }),
    u16: mkOption({ type: types.ints.u16 }),
    u32: mkOption({ type: types.ints.u32 }),
    s8: mkOption({ type: types.ints.s8 }),
    s16: mkOption({ type: types.ints.s16 }),
    s32: mkOption({ type: types.ints.s32 }),
    port: mkOption({ type: types.port }),
    float: mkOption({ type: types.float }),
    number: mkOption({ type: types.number }),
    numberBetween: mkOption({ type: types.numbers.between(0, 1) }),
    nonnegative: mkOption({ type: types.numbers.nonnegative }),
    numberPositive: mkOption({ type: types.numbers.positive }),
    str: mkOption({ type: types.str }),
    nonEmptyStr: mkOption({ type: types.nonEmptyStr }),
    singleLineStr: mkOption({ type: types.singleLineStr }),
    strMatching: mkOption({ type: types.strMatching("[a-z]+") }),
    separatedString: mkOption({ type: types.separatedString(",") }),
    lines: mkOption({ type: types.lines }),
    commas: mkOption({ type: types.commas }),
    envVar: mkOption({ type: types.envVar }),
    string: mkOption({ type: types.string }),
    passwdEntry: mkOption({ type: types.passwdEntry(types.str) }),
    attrs: mkOption({ type: types.attrs }),
    package: mkOption({ type: types.package }),
    shellPackage: mkOption({ type: types.shellPackage }),
    path: mkOption({ type: types.path }),
    pathInStore: mkOption({ type: types.pathInStore }),
    listOf: mkOption({ type: types.listOf(types.ints.positive) }),
    nonEmptyListOf: mkOption({ type: types.nonEmptyListOf(types.str) }),
    attrsOf: mkOption({ type: types.attrsOf(types.ints.unsigned) }),
    lazyAttrsOf: mkOption({ type: types.lazyAttrsOf(types.bool) }),
    uniq: mkOption({ type: types.uniq(types.int) }),
    unique: mkOption({ type: types.unique({ message: "once" }, types.str) }),
    nullOr: mkOption({ type: types.nullOr(types.ints.positive) }),
    functionTo: mkOption({ type: types.functionTo(types.str) }),
    submodule: mkOption({ type: sub }),
    attrsOfSubmodule: mkOption({ type: types.attrsOf(sub) }),
    enum: mkOption({ type: types.enum(["a", "b"]) }),
    either: mkOption({ type: types.either(types.str, types.int) }),
    oneOf: mkOption({ type: types.oneOf([types.str, types.bool]) }),
    coercedTo: mkOption({ type: types.coercedTo(types.int, (n: number) => String(n), types.str) }),
    addCheck: mkOption({ type: types.addCheck(types.int, (n) => n !== 0) }),
    withDefault: mkOption({ type: types.ints.positive, default: 1 }),
  };
  type C = ConfigOf<typeof _options>;
  expectTypeOf<C["bool"]>().toEqualTypeOf<boolean>();
  expectTypeOf<C["int"]>().toEqualTypeOf<number>();
  expectTypeOf<C["between"]>().toEqualTypeOf<number>();
  expectTypeOf<C["unsigned"]>().toEqualTypeOf<number>();
  expectTypeOf<C["positive"]>().toEqualTypeOf<number>();
  expectTypeOf<C["u8"]>().toEqualTypeOf<number>();
  expectTypeOf<C["u16"]>().toEqualTypeOf<number>();
  expectTypeOf<C["u32"]>().toEqualTypeOf<number>();
  expectTypeOf<C["s8"]>().toEqualTypeOf<number>();
  expectTypeOf<C["s16"]>().toEqualTypeOf<number>();
  expectTypeOf<C["s32"]>().toEqualTypeOf<number>();
  expectTypeOf<C["port"]>().toEqualTypeOf<number>();
  expectTypeOf<C["float"]>().toEqualTypeOf<number>();
  expectTypeOf<C["number"]>().toEqualTypeOf<number>();
  expectTypeOf<C["numberBetween"]>().toEqualTypeOf<number>();
  expectTypeOf<C["nonnegative"]>().toEqualTypeOf<number>();
  expectTypeOf<C["numberPositive"]>().toEqualTypeOf<number>();
  expectTypeOf<C["str"]>().toEqualTypeOf<string>();
  expectTypeOf<C["nonEmptyStr"]>().toEqualTypeOf<string>();
  expectTypeOf<C["singleLineStr"]>().toEqualTypeOf<string>();
  expectTypeOf<C["strMatching"]>().toEqualTypeOf<string>();
  expectTypeOf<C["separatedString"]>().toEqualTypeOf<string>();
  expectTypeOf<C["lines"]>().toEqualTypeOf<string>();
  expectTypeOf<C["commas"]>().toEqualTypeOf<string>();
  expectTypeOf<C["envVar"]>().toEqualTypeOf<string>();
  expectTypeOf<C["string"]>().toEqualTypeOf<string>();
  expectTypeOf<C["passwdEntry"]>().toEqualTypeOf<string>();
  expectTypeOf<C["package"]["type"]>().toEqualTypeOf<"derivation">();
  expectTypeOf<C["package"]["outPath"]>().toEqualTypeOf<string>();
  expectTypeOf<C["shellPackage"]["outPath"]>().toEqualTypeOf<string>();
  expectTypeOf<C["attrs"]>().toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf<C["path"]>().toEqualTypeOf<string>();
  expectTypeOf<C["pathInStore"]>().toEqualTypeOf<string>();
  expectTypeOf<C["functionTo"]>().toEqualTypeOf<(arg: unknown) => string>();
  expectTypeOf<C["raw"]>().toEqualTypeOf<unknown>();
  expectTypeOf<C["anything"]>().toEqualTypeOf<unknown>();
  expectTypeOf<C["unspecified"]>().toEqualTypeOf<unknown>();
  expectTypeOf<C["listOf"]>().toEqualTypeOf<number[]>();
  expectTypeOf<C["nonEmptyListOf"]>().toEqualTypeOf<string[]>();
  expectTypeOf<C["attrsOf"]>().toEqualTypeOf<Record<string, number>>();
  expectTypeOf<C["lazyAttrsOf"]>().toEqualTypeOf<Record<string, boolean>>();
  expectTypeOf<C["uniq"]>().toEqualTypeOf<number>();
  expectTypeOf<C["unique"]>().toEqualTypeOf<string>();
  expectTypeOf<C["nullOr"]>().toEqualTypeOf<number | null>();
  expectTypeOf<C["submodule"]>().toEqualTypeOf<{ name: string }>();
  expectTypeOf<C["attrsOfSubmodule"]>().toEqualTypeOf<Record<string, { name: string }>>();
  expectTypeOf<C["enum"]>().toEqualTypeOf<"a" | "b">();
  expectTypeOf<C["either"]>().toEqualTypeOf<string | number>();
  expectTypeOf<C["oneOf"]>().toEqualTypeOf<string | boolean>();
  expectTypeOf<C["coercedTo"]>().toEqualTypeOf<string>();
  expectTypeOf<C["addCheck"]>().toEqualTypeOf<number>();
  expectTypeOf<C["withDefault"]>().toEqualTypeOf<number>();
});
