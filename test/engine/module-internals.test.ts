// A submodule instance whose `_module` only the engine declares and defines skips merging
// `_module` (src/lib/evaluation.ts, OWN_MODULE_TREE). Whatever a module adds under `_module`
// must still take effect, and unmatched definitions must still be reported.
import { describe, expect, it } from "vitest";
import { withLibRevision } from "../../src/lib/lib-revision.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { renderError } from "../../src/lib/errors.js";
import { mkOption } from "../../src/lib/options.js";
import { mkIf } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";

const item = { options: { port: mkOption({ type: T.int, default: 80 }) } };
const withItems = (...modules: object[]): Record<string, any> =>
  evalModules({
    modules: [
      { options: { items: mkOption({ type: T.attrsOf(T.submodule(item)), default: {} }) } },
      ...modules,
    ],
  }).config.items as Record<string, any>;
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return renderError(e, false).replace(/\n {7}/g, "\n");
  }
  throw new Error("no error");
};

describe("a submodule instance's _module", () => {
  it("has its defaults and its name when nothing else defines it", () => {
    const items = withItems({ items: { a: { port: 1 } } });
    expect(items.a.port).toBe(1);
    expect(items.a._module.check).toBe(true);
    expect(items.a._module.freeformType).toBe(null);
    expect(items.a._module.args.name).toBe("a");
  });

  it("reports a definition without an option, in an instance", () => {
    const items = withItems({ _file: "m.nix", items: { a: { port: 1, prot: 2 } } });
    expect(errorOf(() => items.a)).toContain(
      "The option `items.a.prot' does not exist. Definition values:\n- In `m.nix': 2",
    );
  });

  it("reports a definition without an option under _module", () => {
    const items = withItems({ _file: "m.nix", items: { a: { _module: { chek: false } } } });
    expect(errorOf(() => items.a)).toContain("The option `items.a._module.chek' does not exist.");
  });

  it("lets an instance turn the check off, also under mkIf", () => {
    const items = withItems({
      items: {
        a: { port: 1, prot: 2, _module: { check: false } },
        b: mkIf(true, { prot: 3, _module: { check: false } }),
      },
    });
    expect(items.a.port).toBe(1);
    expect(items.b.port).toBe(80);
    expect(items.a._module.check).toBe(false);
  });

  it("takes a freeformType defined in an instance", () => {
    const items = withItems({ items: { a: { extra: "x", _module: { freeformType: T.attrsOf(T.str) } } } });
    expect(items.a.extra).toBe("x");
    expect(items.a.port).toBe(80);
  });

  it("passes arguments a module defines in _module.args", () => {
    const sub = T.submodule([
      item,
      { config: { _module: { args: { greeting: "hi" } } } },
      (args: any) => ({
        options: { said: mkOption({ type: T.str }) },
        config: {
          get said() {
            return `${args.greeting as string} ${args.name as string}`;
          },
        },
      }),
    ]);
    const items = evalModules({
      modules: [
        { options: { items: mkOption({ type: T.attrsOf(sub), default: {} }) } },
        { items: { a: {} } },
      ],
    }).config.items as Record<string, any>;
    expect(items.a.said).toBe("hi a");
  });
});

describe("module function arguments", () => {
  it("are config, options, lib, the evaluation's own functions, and specialArgs over them", () => {
    const seen: Record<string, unknown>[] = [];
    const probe = (args: Record<string, unknown>) => {
      seen.push({
        keys: Object.keys(args),
        moduleType: args.moduleType,
        lib: typeof args.lib,
      });
      return { options: { x: mkOption({ type: T.int, default: 1 }) } };
    };
    const ev = evalModules({ modules: [probe], specialArgs: { moduleType: "mine", extra: 2 } });
    expect(ev.config.x).toBe(1);
    // (The lib of 2025-06 also passes the evaluation's `_class` and `_prefix`.)
    withLibRevision(
      "2023-07",
      () => evalModules({ modules: [probe], specialArgs: { moduleType: "mine", extra: 2 } }).config.x,
    );
    const keys = ["lib", "options", "config", "specialArgs", "extendModules", "moduleType"];
    expect(seen).toEqual([
      { keys: [...keys, "_class", "_prefix", "extra"], moduleType: "mine", lib: "object" },
      { keys: [...keys, "extra"], moduleType: "mine", lib: "object" },
    ]);
    // Without it in specialArgs, moduleType is the type of these modules.
    let type: any;
    const plain = evalModules({
      modules: [
        (args: Record<string, any>) => {
          type = args.moduleType;
          return {};
        },
      ],
    });
    expect(plain.config).toEqual({});
    expect(type.name).toBe("submodule");
  });
});

describe("the options argument", () => {
  it("reads options by name, and is the options object for everything else", () => {
    let seen: unknown;
    const ev = evalModules({
      modules: [
        {
          options: {
            a: mkOption({ type: T.int, default: 1 }),
            probe: mkOption({ type: T.int }),
            sub: { b: mkOption({ type: T.int }) },
          },
        },
        (args: Record<string, any>) => ({
          config: {
            get probe() {
              const o = args.options;
              seen = {
                aDefined: o.a.isDefined,
                bDefined: o.sub.b.isDefined,
                missing: o.nope,
                has: ["a" in o, "nope" in o],
                keys: Object.keys(o),
                same: o.a === ev.options.a,
              };
              return 2;
            },
          },
        }),
      ],
    });
    expect(ev.config.probe).toBe(2);
    expect(seen).toEqual({
      aDefined: true,
      bDefined: false,
      missing: undefined,
      has: [true, false],
      keys: ["_module", "a", "probe", "sub"],
      same: true,
    });
  });
});
