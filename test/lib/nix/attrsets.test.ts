import { describe, expect, it } from "vitest";
import { EvalError } from "../../../src/lib/errors.js";
import {
  attrNames,
  genAttrs,
  getAttrFromPath,
  hasAttr,
  listToAttrs,
  mapAttrs,
  nixEquals,
  recursiveUpdate,
  removeAttrs,
  setAttrByPath,
  toDerivation,
  typeOf,
  unionOfDisjoint,
  update,
  zipAttrsWith,
} from "../../../src/lib/nix/attrsets.js";

/** A set whose attribute `name` counts how often it is read. */
function counted(name: string, value: unknown): { set: object; reads: () => number } {
  let n = 0;
  const set = {};
  Object.defineProperty(set, name, {
    enumerable: true,
    get() {
      n++;
      return value;
    },
  });
  return { set, reads: () => n };
}

describe("laziness", () => {
  it("mapAttrs calls f on first read only, once", () => {
    let calls = 0;
    const src = counted("a", 1);
    const r = mapAttrs((_n, v: number) => {
      calls++;
      return v + 1;
    }, src.set);
    expect(calls).toBe(0);
    expect(src.reads()).toBe(0);
    expect(r.a).toBe(2);
    expect(r.a).toBe(2);
    expect(calls).toBe(1);
    expect(src.reads()).toBe(1);
  });

  it("mapAttrs does not evaluate attributes it is not asked for", () => {
    const src = { ok: 1 } as Record<string, unknown>;
    Object.defineProperty(src, "bad", {
      enumerable: true,
      get() {
        throw new Error("forced");
      },
    });
    const r = mapAttrs((_n, v) => v, src);
    expect(attrNames(r)).toEqual(["bad", "ok"]);
    expect(r.ok).toBe(1);
    expect(() => r.bad).toThrow("forced");
  });

  it("// keeps getters lazy", () => {
    const a = counted("x", 1);
    const b = counted("y", 2);
    const r = update(a.set, b.set);
    expect(a.reads() + b.reads()).toBe(0);
    expect(r.y).toBe(2);
    expect(a.reads()).toBe(0);
  });

  it("genAttrs, zipAttrsWith and recursiveUpdate are lazy per attribute", () => {
    let calls = 0;
    const g = genAttrs(["a", "b"], (n) => {
      calls++;
      return n;
    });
    expect(calls).toBe(0);
    expect(g.b).toBe("b");
    expect(calls).toBe(1);
    const z = zipAttrsWith(() => {
      throw new Error("no");
    }, [{ a: 1 }]);
    expect(attrNames(z)).toEqual(["a"]);
    const lhs = counted("a", { x: 1 });
    const r = recursiveUpdate(lhs.set, { b: 1 });
    expect(r.b).toBe(1);
    expect(lhs.reads()).toBe(0);
  });

  it("listToAttrs keeps value getters lazy and the first name wins", () => {
    const pair = { name: "a" } as { name: string; value?: unknown };
    let forced = false;
    Object.defineProperty(pair, "value", {
      enumerable: true,
      get() {
        forced = true;
        return 1;
      },
    });
    const r = listToAttrs([pair, { name: "a", value: 2 }]);
    expect(forced).toBe(false);
    expect(r.a).toBe(1);
  });
});

/** Every prototype above `o` is empty and frozen: `o` inherits nothing, now or later. */
function inheritsNothing(o: object): boolean {
  for (
    let p = Object.getPrototypeOf(o) as object | null;
    p !== null;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    if (Reflect.ownKeys(p).length > 0 || !Object.isFrozen(p)) return false;
  }
  return !("toString" in o) && !("hasOwnProperty" in o);
}

describe("prototype safety", () => {
  it("stores __proto__ as an own attribute without touching Object.prototype", () => {
    const r = listToAttrs([{ name: "__proto__", value: { polluted: true } }]);
    expect(inheritsNothing(r)).toBe(true);
    expect(attrNames(r)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const s = setAttrByPath(["__proto__", "x"], 1) as Record<string, Record<string, unknown>>;
    expect(Object.keys(s)).toEqual(["__proto__"]);
    expect(s["__proto__"]!.x).toBe(1);
  });

  it("hasAttr ignores inherited and non-enumerable properties", () => {
    expect(hasAttr("toString", {})).toBe(false);
    expect(hasAttr("constructor", {})).toBe(false);
    const drv = toDerivation("/nix/store/d945ibfx9x185xf04b890y4f9g3cbb63-python-2.7.11");
    expect(hasAttr("toString", drv)).toBe(false);
    expect(`${drv}`).toBe("/nix/store/d945ibfx9x185xf04b890y4f9g3cbb63-python-2.7.11");
    expect(drv.name).toBe("python-2.7.11");
  });

  it("results inherit nothing", () => {
    expect(inheritsNothing(update({ a: 1 }, {}))).toBe(true);
    expect(inheritsNothing(removeAttrs({ a: 1 }, ["a"]))).toBe(true);
    expect(inheritsNothing({})).toBe(false);
  });
});

describe("errors", () => {
  it("getAttrFromPath names the missing path", () => {
    expect(() => getAttrFromPath(["a", "b"], { a: {} })).toThrow(EvalError);
    expect(() => getAttrFromPath(["a", "b"], { a: {} })).toThrow("cannot find attribute `a.b'");
  });

  it("unionOfDisjoint throws on a collision when it is read", () => {
    const r = unionOfDisjoint({ a: 1, b: 2 }, { b: 3, c: 4 });
    expect(r.a).toBe(1);
    expect(() => r.b).toThrow("unionOfDisjoint: collision on b; complete list: b");
  });
});

describe("typeOf and equality", () => {
  it("names types like builtins.typeOf", () => {
    expect([1, 1.5, true, "s", null, [], {}, () => 1].map(typeOf)).toEqual([
      "int",
      "float",
      "bool",
      "string",
      "null",
      "list",
      "set",
      "lambda",
    ]);
  });

  it("compares like Nix ==", () => {
    const f = (x: unknown) => x;
    expect(nixEquals(f, f)).toBe(false);
    expect(nixEquals([f], [f])).toBe(true);
    expect(nixEquals({ a: f }, { a: f })).toBe(true);
    expect(nixEquals([(x: unknown) => x], [(x: unknown) => x])).toBe(false);
    expect(nixEquals(1, 1.0)).toBe(true);
    expect(nixEquals({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
    expect(
      nixEquals({ type: "derivation", outPath: "/x", a: 1 }, { type: "derivation", outPath: "/x" }),
    ).toBe(true);
    expect(nixEquals({ type: "derivation", outPath: "/x" }, { type: "derivation", outPath: "/y" })).toBe(
      false,
    );
  });

  it("sorts names by code unit, integer-like names included", () => {
    expect(attrNames({ b: 1, "10": 1, "9": 1, B: 1, a: 1 })).toEqual(["10", "9", "B", "a", "b"]);
  });
});
