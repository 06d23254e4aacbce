// cells and forEachCell: the attributes of a set read without evaluating them, each getter
// run at most once however often they are looked at.
import { describe, expect, it } from "vitest";
import { cellOf, cells, forEachCell, setCell, type Cell } from "../../src/lib/cells.js";
import { Lazy } from "../../src/lib/lazy.js";
import { nullProto, nullProtoFor } from "../../src/lib/attrs-lazy.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { lazyAttrs } from "../../src/modules/support.js";
import { types as T } from "../../src/types/index.js";

const collect = (o: unknown): [string, Cell][] => {
  const out: [string, Cell][] = [];
  forEachCell(o, (n, c) => out.push([n, c]));
  return out;
};

/** A module-like object with a plain attribute and a getter of its own, counting its runs. */
const counted = () => {
  const runs = { n: 0 };
  const o = {
    plain: "x",
    get lazy() {
      runs.n++;
      return "y";
    },
  };
  return { o, runs };
};

describe("forEachCell", () => {
  it("visits what cells lists, in the same order, data and setCell attributes alike", () => {
    const o = nullProto();
    o.b = 1;
    setCell(o, "a", new Lazy(() => 2));
    o.__proto__ = 3;
    const seen = collect(o);
    expect(seen.map(([n]) => n)).toEqual(cells(o).map(([n]) => n));
    expect(seen.map(([n]) => n)).toEqual(["b", "a", "__proto__"]);
    expect(seen[0]![1]).toBe(1);
    expect(seen[1]![1]).toBeInstanceOf(Lazy);
    expect(seen[1]![1]).toBe(cells(o)[1]![1]); // the same Lazy, not a new one
  });

  it("runs a module's own getter once, sharing its cell with cells", () => {
    const { o, runs } = counted();
    const first = collect(o);
    const second = cells(o);
    expect(runs.n).toBe(0);
    expect(first[1]![1]).toBe(second[1]![1]);
    expect((first[1]![1] as Lazy).force()).toBe("y");
    expect((second[1]![1] as Lazy).force()).toBe("y");
    expect(runs.n).toBe(1);
  });

  it("visits nothing of a value that is not a set", () => {
    expect(collect(null)).toEqual([]);
    expect(collect("s")).toEqual([]);
  });
});

describe("cellOf", () => {
  it("is the cell cells lists for the name, without running a getter", () => {
    const { o, runs } = counted();
    const byCell = cellOf(o, "lazy");
    expect(runs.n).toBe(0);
    expect(byCell).toBe(cells(o)[1]![1]);
    expect(cellOf(o, "plain")).toBe("x");
    expect((byCell as Lazy<string>).force()).toBe("y");
    expect((cellOf(o, "lazy") as Lazy<string>).force()).toBe("y");
    expect(runs.n).toBe(1);
  });

  it("finds setCell's Lazy, and nothing for missing, inherited or hidden attributes", () => {
    const l = new Lazy(() => 1);
    const o = nullProto();
    setCell(o, "a", l);
    Object.defineProperty(o, "hidden", { value: 2, enumerable: false });
    expect(cellOf(o, "a")).toBe(l);
    expect(cellOf(o, "hidden")).toBeUndefined();
    expect(cellOf(o, "missing")).toBeUndefined();
    expect(cellOf({}, "toString")).toBeUndefined();
  });
});

describe("the cells kept for an object with getters", () => {
  it("are no attribute of it", () => {
    const { o } = counted();
    cells(o);
    expect(Object.keys(o)).toEqual(["plain", "lazy"]);
    expect(Object.keys({ ...o })).toEqual(["plain", "lazy"]);
    expect(JSON.stringify(o)).toBe('{"plain":"x","lazy":"y"}');
  });

  it("are kept for a frozen object or a proxy too: the same cells, each getter run once", () => {
    const frozen = counted();
    Object.freeze(frozen.o);
    const proxied = counted();
    for (const { o, runs } of [frozen, { o: new Proxy(proxied.o, {}), runs: proxied.runs }]) {
      const first = cells(o)[1]![1] as Lazy<string>;
      expect(cells(o)[1]![1]).toBe(first);
      expect(first.force()).toBe("y");
      expect((cells(o)[1]![1] as Lazy<string>).force()).toBe("y");
      expect(runs.n).toBe(1);
    }
    expect(Object.isFrozen(frozen.o)).toBe(true);
  });
});

// Slot attributes (attrsOf values, lazyAttrs sets) read their values through getters shared by
// every such set, which find the values on the set they are read from.
describe("slot attributes", () => {
  const counting = () => {
    const runs: Record<string, number> = {};
    const thunk = (name: string, v: unknown) => () => {
      runs[name] = (runs[name] ?? 0) + 1;
      return v;
    };
    return { runs, thunk };
  };

  it("are computed when first read, once, and the first of two entries with a name wins", () => {
    const { runs, thunk } = counting();
    const o = lazyAttrs<unknown>([
      ["b", thunk("b", 2)],
      ["a", thunk("a", 1)],
      ["b", thunk("b2", 3)],
    ]);
    expect(Object.keys(o)).toEqual(["b", "a"]);
    expect(runs).toEqual({});
    expect(o.b).toBe(2);
    expect(o.b).toBe(2);
    expect(runs).toEqual({ b: 1 });
    expect({ ...o }).toEqual({ b: 2, a: 1 });
    expect(runs).toEqual({ b: 1, a: 1 });
  });

  it("keep each set's own values, with names at the same positions in different sets", () => {
    const x = lazyAttrs([["PATH", () => "x"]]);
    const y = lazyAttrs([["PATH", () => "y"]]);
    const env = evalModules({
      modules: [{ options: { env: mkOption({ type: T.attrsOf(T.str) }) } }, { env: { PATH: "z" } }],
    }).config.env as Record<string, string>;
    expect([x.PATH, y.PATH, env.PATH]).toEqual(["x", "y", "z"]);
  });

  it("move to another set as cells, unevaluated, and read the values of the set they came from", () => {
    const { runs, thunk } = counting();
    const o = lazyAttrs<unknown>([["a", thunk("a", 1)]]);
    const copy = nullProto();
    for (const [n, c] of cells(o)) setCell(copy, n, c);
    expect(runs).toEqual({});
    expect(copy.a).toBe(1);
    expect(o.a).toBe(1);
    expect(runs).toEqual({ a: 1 });
  });

  it("are enumerable, configurable getters, also on sets that inherit nothing", () => {
    const o = lazyAttrs([["a", () => 1]]);
    const copy = nullProto();
    for (const [n, c] of cells(o)) setCell(copy, n, c);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(copy))).toBe(null);
    for (const set of [o, copy]) {
      const d = Object.getOwnPropertyDescriptor(set, "a")!;
      expect([typeof d.get, d.set, d.enumerable, d.configurable]).toEqual([
        "function",
        undefined,
        true,
        true,
      ]);
    }
    // The top config's `_module` stays hidden.
    const { config } = evalModules({ modules: [{ options: { x: mkOption({ default: 1 }) } }] });
    expect(Object.keys(config)).toEqual(["x"]);
    expect(Object.getOwnPropertyDescriptor(config, "x")!.enumerable).toBe(true);
    expect(Object.getOwnPropertyDescriptor(config, "_module")!.enumerable).toBe(false);
  });

  it("in a set of many names (made as a hash table) are like those of any set", () => {
    const names = Array.from({ length: 300 }, (_, i) => `n${String(i).padStart(3, "0")}`);
    const { runs, thunk } = counting();
    const o = lazyAttrs<unknown>(names.map((n, i) => [n, thunk(n, i)]));
    const env = evalModules({
      modules: [
        { options: { env: mkOption({ type: T.attrsOf(T.int) }) } },
        { env: Object.fromEntries(names.map((n, i) => [n, i])) },
      ],
    }).config.env as Record<string, number>;
    for (const set of [o, env, nullProtoFor(300)]) {
      expect(Object.getPrototypeOf(set)).toBe(Object.getPrototypeOf(nullProto()));
      expect(Object.getOwnPropertyNames(set)).toEqual(set === o || set === env ? names : []);
    }
    expect(runs).toEqual({});
    expect([o.n007, env.n299, Object.keys(o).length]).toEqual([7, 299, 300]);
    expect(runs).toEqual({ n007: 1 });
  });

  it("have the same cell each time cells reads them, and a value that needs itself is a recursion", () => {
    const { runs, thunk } = counting();
    const o = lazyAttrs<unknown>([["a", thunk("a", 1)]]);
    const [first] = cells(o);
    expect(first![1]).toBeInstanceOf(Lazy);
    expect(cells(o)[0]![1]).toBe(first![1]);
    expect(cellOf(o, "a")).toBe(first![1]);
    expect(o.a).toBe(1);
    expect((first![1] as Lazy).force()).toBe(1);
    expect(cells(o)).toEqual([["a", 1]]);
    expect(runs).toEqual({ a: 1 });
    const self: Record<string, unknown> = lazyAttrs<unknown>([["b", () => self.b]]);
    expect(() => self.b).toThrow("infinite recursion encountered");
    // A getter moved by its descriptor to a set without the values still runs (and fails there).
    const moved = nullProto();
    Object.defineProperty(moved, "a", Object.getOwnPropertyDescriptor(o, "a")!);
    const [[, movedCell]] = cells(moved) as [[string, Lazy]];
    expect(movedCell).toBeInstanceOf(Lazy);
    expect(() => movedCell.force()).toThrow(TypeError);
  });

  it("report a failure on every read until a value is computed", () => {
    let fail = true;
    const o = lazyAttrs([
      [
        "a",
        () => {
          if (fail) throw new Error("not yet");
          return 1;
        },
      ],
    ]);
    expect(() => o.a).toThrow("not yet");
    expect(() => o.a).toThrow("not yet");
    fail = false;
    expect(o.a).toBe(1);
  });
});
