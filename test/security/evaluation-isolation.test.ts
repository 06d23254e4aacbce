// Two evaluations in one process share nothing through the user's objects (docs/security.md,
// section 9): the engine keeps what it learns of a module object (its getters' values, an
// mkIf condition's value) per evaluation, so that a module object or an mkIf shared by two
// hosts gives each host its own result, while within one evaluation a getter and a
// condition still run once.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { mkIf, mkMerge } from "../../src/lib/properties.js";
import { types } from "../../src/types/index.js";

const decl = {
  options: {
    name: mkOption({ type: types.str }),
    flag: mkOption({ type: types.bool, default: false }),
    out: mkOption({ type: types.str, default: "none" }),
    list: mkOption({ type: types.listOf(types.str), default: [] }),
    sub: mkOption({
      type: types.attrsOf(types.submodule({ options: { v: mkOption({ type: types.str, default: "-" }) } })),
      default: {},
    }),
  },
};

describe("a module object shared by two evaluations", () => {
  it("whose getter reads config gives each evaluation its own value", () => {
    let args: any;
    let runs = 0;
    const shared = {
      get out() {
        runs++;
        return `host ${args.config.name as string}`;
      },
    };
    const host = (name: string) =>
      evalModules({
        modules: [decl, { name }, (a: any) => ((args = a), shared)],
      });
    const a = host("A");
    expect(a.config.out).toBe("host A");
    const b = host("B");
    expect(b.config.out).toBe("host B");
    expect(runs).toBe(2);
    // Read again: each keeps its own (the getter ran once for each).
    expect(a.config.out).toBe("host A");
    expect(b.config.out).toBe("host B");
    expect(runs).toBe(2);
  });

  it("a nested getter too, read by evaluations in turns (each created before either is read)", () => {
    let current = "";
    let runs = 0;
    const shared = {
      sub: {
        get x() {
          runs++;
          return { v: current };
        },
      },
    };
    current = "A";
    const a = evalModules({ modules: [decl, shared, { name: "a" }] });
    const b = evalModules({ modules: [decl, shared, { name: "b" }] });
    expect(a.config.sub.x.v).toBe("A");
    current = "B";
    expect(b.config.sub.x.v).toBe("B");
    current = "C";
    expect(a.config.sub.x.v).toBe("A");
    expect(runs).toBe(2);
  });
});

describe("an mkIf shared by two evaluations", () => {
  it("a condition thunk is evaluated for each evaluation, once", () => {
    let flag = true;
    let runs = 0;
    const shared = {
      config: {
        out: mkIf(() => {
          runs++;
          return flag;
        }, "yes"),
      },
    };
    const a = evalModules({ modules: [decl, shared, { name: "a" }] });
    expect(a.config.out).toBe("yes");
    flag = false;
    const b = evalModules({ modules: [decl, shared, { name: "b" }] });
    expect(b.config.out).toBe("none");
    expect(a.config.out).toBe("yes");
    expect(runs).toBe(2);
  });

  it("pushed down into several options, and in an mkMerge", () => {
    let flag = "A";
    let runs = 0;
    const cond = mkIf(
      () => {
        runs++;
        return flag === "A";
      },
      { out: "a", list: ["x"] },
    );
    const shared = { config: mkMerge([cond, { list: ["y"] }]) };
    const a = evalModules({ modules: [decl, shared, { name: "a" }] });
    expect(a.config.out).toBe("a");
    flag = "B";
    const b = evalModules({ modules: [decl, shared, { name: "b" }] });
    expect([b.config.out, b.config.list]).toEqual(["none", ["y"]]);
    expect([a.config.out, a.config.list]).toEqual(["a", ["x", "y"]]);
    expect(runs).toBe(2);
  });
});
