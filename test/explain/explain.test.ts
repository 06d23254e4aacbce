/** src/tools/explain.ts: definitions from several files, who won and why, how lists and sets were assembled. */
import { describe, expect, test } from "vitest";
import { explainOption, renderExplanation, type Explanation } from "../../src/tools/explain.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import {
  mkAfter,
  mkBefore,
  mkDefault,
  mkForce,
  mkIf,
  mkMerge,
  mkOverride,
} from "../../src/lib/properties.js";
import { types } from "../../src/types/index.js";
import type { Module } from "../../src/lib/module-types.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";

const decls: Module = {
  _file: "decls.nix",
  options: {
    name: mkOption({ type: types.str, default: "unnamed" }),
    tags: mkOption({ type: types.listOf(types.str), default: [] }),
    env: mkOption({ type: types.attrsOf(types.str), default: {} }),
    flag: mkOption({ type: types.bool, default: false }),
    text: mkOption({ type: types.lines, default: "" }),
    servers: mkOption({
      type: types.attrsOf(
        types.submodule({ options: { port: mkOption({ type: types.port, default: 80 }) } }),
      ),
      default: {},
    }),
  },
};
const a: Module = {
  _file: "a.nix",
  config: {
    name: "from-a",
    tags: ["a1", "a2"],
    env: { A: "1", SHARED: "a" },
    text: "line a",
    servers: { web: { port: 8080 } },
  },
};
const b: Module = {
  _file: "b.nix",
  config: {
    name: mkForce("from-b"),
    tags: mkBefore(["b-first"]),
    env: { B: "2" },
    text: mkAfter("line b"),
    servers: { web: { port: mkDefault(9090) }, api: {} },
  },
};
const c: Module = ({ config }: { config: any }) => ({
  _file: "c.nix",
  config: {
    name: mkIf(() => config.flag, "from-c"),
    tags: mkMerge([mkAfter(["c-last"]), mkIf(false, ["c-never"])]),
    env: mkOverride(200, { C: "3" }),
  },
});
const modules = [decls, a, b, c];
const args = { modules };
const { config } = evalModules({ modules });

const statuses = (e: Explanation) => e.definitions.map((d) => [d.file, d.status.kind]);

describe("explain: who wins and why", () => {
  test("mkForce wins over plain definitions; mkIf false is dropped; the default loses", () => {
    const e = explainOption(args, ["name"]);
    expect(e.value).toEqual({ ok: true, value: "from-b" });
    expect(e.value).toEqual({ ok: true, value: config.name });
    expect(e.declarations).toEqual(["decls.nix"]);
    expect(e.default).toEqual({ _type: "literalExpression", text: '"unnamed"' });
    expect(e.highestPriority).toBe(50);
    expect(statuses(e)).toEqual([
      ["decls.nix", "overridden"],
      ["c.nix", "dropped"],
      ["b.nix", "used"],
      ["a.nix", "overridden"],
    ]);
    const byFile = Object.fromEntries(e.definitions.map((d) => [d.file, d]));
    expect(byFile["decls.nix"]!).toMatchObject({ isDefault: true, overridePriority: 1500 });
    expect(byFile["b.nix"]!).toMatchObject({ overridePriority: 50, value: { ok: true, value: "from-b" } });
    expect(byFile["a.nix"]!.status).toEqual({ kind: "overridden", winningPriority: 50 });
    expect(byFile["c.nix"]!).toMatchObject({ conditions: [false], value: { ok: true, value: "from-c" } });
  });

  test("lists: order priorities, mkMerge expanded, the assembly is the value", () => {
    const e = explainOption(args, ["tags"]);
    expect(e.value).toEqual({ ok: true, value: ["b-first", "a1", "a2", "c-last"] });
    expect(e.assembly).toEqual({
      kind: "list",
      parts: [
        { file: "b.nix", orderPriority: 500, elements: ["b-first"] },
        { file: "a.nix", orderPriority: 1000, elements: ["a1", "a2"] },
        { file: "c.nix", orderPriority: 1500, elements: ["c-last"] },
      ],
    });
    // The default [] has priority 1500 and loses; c.nix's mkMerge gives two definitions.
    expect(statuses(e)).toEqual([
      ["decls.nix", "overridden"],
      ["c.nix", "used"],
      ["c.nix", "dropped"],
      ["b.nix", "used"],
      ["a.nix", "used"],
    ]);
    if (e.assembly?.kind !== "list") throw new Error("not a list");
    expect(e.assembly.parts.flatMap((p) => p.elements)).toEqual(config.tags);
  });

  test("attribute sets: which file set which attribute; mkOverride 200 loses", () => {
    const e = explainOption(args, ["env"]);
    expect(e.value).toEqual({ ok: true, value: { A: "1", B: "2", SHARED: "a" } });
    expect(e.assembly).toEqual({
      kind: "attrs",
      attributes: [
        { name: "A", files: ["a.nix"] },
        { name: "B", files: ["b.nix"] },
        { name: "SHARED", files: ["a.nix"] },
      ],
    });
    expect(e.definitions.find((d) => d.file === "c.nix")!).toMatchObject({
      overridePriority: 200,
      status: { kind: "overridden", winningPriority: 100 },
    });
  });

  test("strings of type lines: concatenated in merge order", () => {
    const e = explainOption(args, ["text"]);
    expect(e.value).toEqual({ ok: true, value: "line a\nline b" });
    expect(e.assembly).toMatchObject({
      kind: "strings",
      parts: [{ file: "a.nix" }, { file: "b.nix", orderPriority: 1500 }],
    });
  });

  test("inside a submodule value: the definitions of servers.web.port from two files", () => {
    const e = explainOption(args, ["servers", "web", "port"]);
    expect(e.value).toEqual({ ok: true, value: 8080 });
    expect(e.via.map((v) => v.name)).toEqual(["servers", "servers.web"]);
    expect(e.kind).toBe("option");
    expect(e.declarations).toEqual(["decls.nix"]);
    expect(statuses(e)).toEqual([
      ["decls.nix", "overridden"],
      ["a.nix", "used"],
      ["b.nix", "overridden"],
    ]);
    expect(e.definitions.map((d) => d.overridePriority)).toEqual([1500, 100, 1000]);
    const api = explainOption(args, ["servers", "api", "port"]);
    expect(api.value).toEqual({ ok: true, value: 80 });
    expect(statuses(api)).toEqual([["decls.nix", "used"]]);
  });

  test("errors: an option that does not exist, a set of options, an undefined attribute", () => {
    expect(() => explainOption(args, ["nmae"])).toThrow(
      "The option `nmae' does not exist. Did you mean `name'?",
    );
    expect(() => explainOption(args, ["servers", "nope", "port"])).toThrow(
      "`servers.nope' is not defined (no definition of `servers' has the attribute `nope').",
    );
    expect(() => explainOption(args, ["servers", "apj", "port"])).toThrow(
      "`servers.apj' is not defined (no definition of `servers' has the attribute `apj'). Did you mean `api'?",
    );
    expect(() =>
      explainOption({ modules: [{ options: { x: { y: mkOption({ type: types.int }) } } }] }, ["x"]),
    ).toThrow("`x' is not an option but a set of options: y");
  });

  test("the text rendering", () => {
    expect(renderExplanation(explainOption(args, ["name"]))).toMatchInlineSnapshot(`
      "Option: name
      Type: string
      Declared in: decls.nix
      Default: "unnamed"
      Value: "from-b"

      Definitions (4, in definition order):
        1. decls.nix (the option's default)
           value:    "unnamed"
           priority: 1500 (mkOptionDefault), order 1000 (plain)
           => overridden: priority 1500 loses to 50 (lower number wins)
        2. c.nix
           value:    "from-c"
           priority: 100 (plain), order 1000 (plain), under mkIf false
           => dropped: mkIf condition is false
        3. b.nix
           value:    "from-b"
           priority: 50 (mkForce), order 1000 (plain)
           => used, #1 in merge order
        4. a.nix
           value:    "from-a"
           priority: 100 (plain), order 1000 (plain)
           => overridden: priority 100 loses to 50 (lower number wins)

      1 of 4 definition(s) used, those of priority 50 (mkForce); 2 overridden by a lower priority number; 1 dropped by mkIf false.
      "
    `);
  });
});

describe("explain on the NixOS modules", () => {
  const host: Module = {
    _file: "host.nix",
    config: { virtualisation: { "oci-containers": { containers: { web: { image: "nginx:1.24" } } } } },
  };
  const hook: Module = {
    _file: "hook.nix",
    config: {
      systemd: {
        services: {
          "podman-web": {
            serviceConfig: { ExecStartPre: mkBefore(["/bin/first"]), Restart: mkForce("no") },
            preStart: "echo mine",
          },
        },
      },
    },
  };
  const nixosArgs = {
    modules: [...(defaultModules as Module[]), host, hook],
    specialArgs: { pkgs: makePkgs() },
  };
  const nixos = evalModules(nixosArgs).config;

  test("ExecStartPre: the module's pre-start, the user's preStart script and a mkBefore hook", () => {
    const e = explainOption(nixosArgs, [
      "systemd",
      "services",
      "podman-web",
      "serviceConfig",
      "ExecStartPre",
    ]);
    const value = nixos.systemd.services["podman-web"].serviceConfig.ExecStartPre;
    expect(e.value).toEqual({ ok: true, value });
    if (e.assembly?.kind !== "list") throw new Error("not a list");
    expect(e.assembly.parts.flatMap((p) => p.elements)).toEqual(value);
    expect(e.assembly.parts.map((p) => [p.file, p.orderPriority])).toEqual([
      ["hook.nix", 500],
      ["nixos-base.nix", 1000],
      ["oci-containers.nix", 1000],
    ]);
    expect(e.kind).toBe("attribute");
    expect(e.via.map((v) => v.name)).toEqual([
      "systemd.services",
      "systemd.services.podman-web",
      "systemd.services.podman-web.serviceConfig",
    ]);
  });

  test("Restart: mkForce from the user wins over the module's always", () => {
    const e = explainOption(nixosArgs, ["systemd", "services", "podman-web", "serviceConfig", "Restart"]);
    expect(e.value).toEqual({ ok: true, value: "no" });
    expect(e.definitions.map((d) => [d.file, d.overridePriority, d.status.kind])).toEqual([
      ["oci-containers.nix", 100, "overridden"],
      ["hook.nix", 50, "used"],
    ]);
  });

  test("backend: only the option's default, computed from system.stateVersion", () => {
    const e = explainOption(nixosArgs, ["virtualisation", "oci-containers", "backend"]);
    expect(e.value).toEqual({ ok: true, value: "podman" });
    expect(e.definitions).toHaveLength(1);
    expect(e.definitions[0]).toMatchObject({
      file: "oci-containers.nix",
      isDefault: true,
      status: { kind: "used" },
    });
  });
});
