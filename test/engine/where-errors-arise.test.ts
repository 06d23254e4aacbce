// Where an error arises, and so which of several is reported: as in Nix. Every expected
// result below was printed by real Nix (nix-instantiate --eval --strict, nixpkgs lib of
// 2023-07) for the same modules; test/differential compares many more.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { lazy } from "../../src/lib/lazy.js";
import { withLibRevision } from "../../src/lib/lib-revision.js";
import { mkOption } from "../../src/lib/options.js";
import { mkAfter } from "../../src/lib/properties.js";
import { types as T } from "../../src/types/index.js";
import { errorAt } from "./helpers.js";

describe("a list entry that fails", () => {
  const modules = [
    { options: { x: mkOption({ type: T.listOf(T.int) }) } },
    { _file: "m.nix", x: [1, "s", 3] },
  ];

  it("fails where it is read: the list has its length and its other entries", () => {
    // builtins.length c.x = 3; builtins.elemAt c.x 2 = 3
    const x = evalModules({ modules }).config.x as number[];
    expect(x.length).toBe(3);
    expect(x[0]).toBe(1);
    expect(x[2]).toBe(3);
    // builtins.elemAt c.x 1, each time it is read
    for (let i = 0; i < 2; i++) {
      expect(() => x[1]).toThrow(
        'A definition for option `x."[definition 1-entry 2]"\' is not of type `signed integer\'. Definition values:\n- In `m.nix\': "s"',
      );
    }
  });

  it("fails printing the list", () => {
    expect(errorAt(modules, "x")).toMatch(/^error: A definition for option `x."\[definition 1-entry 2\]"'/);
  });
});

describe("a value that needs itself", () => {
  it("an attribute of an attrsOf option is an infinite recursion, not a stack overflow", () => {
    // x.a = { b = config.x.a; }: not an int, and printing it for the message reads x.a.
    const modules = [
      { options: { x: mkOption({ type: T.attrsOf(T.int) }) } },
      ({ config }: { config: any }) => ({
        x: {
          a: {
            get b() {
              return config.x.a;
            },
          },
        },
      }),
    ];
    expect(errorAt(modules, "x.a")).toMatch(/^error: infinite recursion encountered/);
  });
});

describe("an mkOrder's content", () => {
  it("is not evaluated to know whether there is a definition: another attribute's error comes first", () => {
    const modules = [
      {
        options: {
          x: mkOption({ type: T.attrsOf(T.int) }),
          y: mkOption({ type: T.int }),
          z: mkOption({ type: T.int }),
        },
      },
      ({ config }: { config: any }) => ({
        x: { k: mkAfter(lazy(() => config.y)), l: lazy(() => config.z) },
      }),
    ];
    // builtins.attrNames c.x and builtins.toJSON c.x both (with the lib of 2023-07)
    withLibRevision("2023-07", () => {
      expect(() => Object.keys(evalModules({ modules }).config.x as object)).toThrow(
        "The option `z' is used but not defined.",
      );
      expect(errorAt(modules, "x")).toBe("error: The option `z' is used but not defined.");
    });
  });
});
