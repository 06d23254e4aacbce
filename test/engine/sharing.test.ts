// What submodule instances share (declaration shapes, a lone default's definition list) must
// never leak one instance's values into another (docs/architecture.md, "What submodule
// instances share").
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { mkDefault, mkForce } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";

const staticOptions = {
  port: mkOption({ type: T.int, default: 80 }),
  tags: mkOption({ type: T.listOf(T.str), default: [] }),
};

describe("submodule instances with the same declarations", () => {
  const ev = evalModules({
    modules: [
      {
        options: {
          items: mkOption({ type: T.attrsOf(T.submodule({ options: staticOptions })), default: {} }),
        },
      },
      { _file: "a.nix", items: { a: { port: 1 }, b: {}, c: { port: mkForce(3), tags: ["x"] } } },
      { _file: "b.nix", items: { a: { port: mkDefault(2) }, b: { tags: ["y"] } } },
    ],
  });
  const items = ev.config.items as Record<string, { port: number; tags: string[] }>;

  it("keep their own definitions and values", () => {
    expect(items.a!.port).toBe(1);
    expect(items.b!.port).toBe(80);
    expect(items.c!.port).toBe(3);
    expect(items.a!.tags).toEqual([]);
    expect(items.b!.tags).toEqual(["y"]);
    expect(items.c!.tags).toEqual(["x"]);
  });

  it("give each option record its own path and definitions", () => {
    const opts = (ev.options.items.type.getSubOptions(["items"]) as Record<string, any>).port;
    expect(opts.loc).toEqual(["items", "<name>", "port"]);
    expect(Object.keys(opts)).toEqual(
      expect.arrayContaining(["loc", "type", "default", "value", "isDefined", "files"]),
    );
    expect(opts.value).toBe(80);
  });

  it("hand out definition lists of their own, though the lone default's is shared inside", () => {
    const first = (ev.options.items.type.getSubOptions(["items"]) as Record<string, any>).port;
    const second = (ev.options.items.type.getSubOptions(["items"]) as Record<string, any>).port;
    const defs = first.definitionsWithLocations as unknown[];
    expect(defs).toHaveLength(1);
    defs.push({ file: "x.nix", value: 1 });
    expect(second.definitionsWithLocations).toHaveLength(1);
    expect(second.value).toBe(80);
    expect(items.b!.port).toBe(80);
  });

  it("have config and options objects without inherited attributes", () => {
    expect("toString" in items.a!).toBe(false);
    expect("constructor" in items.a!).toBe(false);
    expect("toString" in ev.options.items).toBe(true); // an option record has its own toString
    expect(Object.prototype.hasOwnProperty.call(ev.options.items, "toString")).toBe(true);
    expect("hasOwnProperty" in (ev.options as object)).toBe(false);
  });
});

describe("a module function that declares its options on each call", () => {
  it("gives every instance its own declarations (a default computed from the name)", () => {
    const ev = evalModules({
      modules: [
        {
          options: {
            items: mkOption({
              type: T.attrsOf(
                T.submodule(({ name }: { name: string }) => ({
                  options: { label: mkOption({ type: T.str, default: `item-${name}` }) },
                })),
              ),
              default: {},
            }),
          },
        },
        { items: { a: {}, b: {}, c: { label: "own" } } },
      ],
    });
    const items = ev.config.items as Record<string, { label: string }>;
    expect(items.a!.label).toBe("item-a");
    expect(items.b!.label).toBe("item-b");
    expect(items.c!.label).toBe("own");
  });
});
