/** `nixmod options`: the doc list (optionAttrSetToDocList's port) and docs/options.md kept up to date. */
import { setLibRevision } from "../../src/lib/lib-revision.js";
import { useRevision } from "../../src/modules/revisions.js";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { literalExpression, literalMD, mkOption } from "../../src/lib/options.js";
import {
  optionAttrSetToDocList,
  optionsToJson,
  optionsToMarkdown,
  renderOptionValue,
  visibleOptions,
} from "../../src/lib/option-docs.js";
import { types } from "../../src/types/index.js";
import { optionsMarkdown } from "../../src/cli/options-command.js";

const docsOf = (modules: object[]) => optionAttrSetToDocList(evalModules({ modules }).options);

describe("optionAttrSetToDocList", () => {
  const sub = {
    options: {
      image: mkOption({ type: types.str, description: "The image.", example: "hello" }),
      hidden: mkOption({ type: types.str, default: "x", internal: true }),
    },
  };
  const m = {
    _file: "m.nix",
    options: {
      b: {
        byName: mkOption({ type: types.attrsOf(types.submodule(sub)), default: {}, description: "By name." }),
        inList: mkOption({ type: types.listOf(types.submodule(sub)), default: [] }),
        shallow: mkOption({ type: types.attrsOf(types.submodule(sub)), visible: "shallow" }),
        invisible: mkOption({ type: types.attrsOf(types.submodule(sub)), visible: false }),
      },
      a: mkOption({ type: types.int, default: 1, defaultText: literalExpression("one") }),
      md: mkOption({ type: types.bool, example: literalMD("*yes*") }),
      pretty: mkOption({ type: types.attrsOf(types.listOf(types.str)), default: { z: ["1"], a: [] } }),
    },
  };
  const docs = docsOf([m]);
  const names = docs.map((d) => d.name);

  test("options in attribute order, sub-options after their option, <name> and *", () => {
    // As lib.optionAttrSetToDocList lists them (checked with nix-instantiate): the internal
    // `_module` options of the evaluation and of each submodule are in the list.
    const m4 = (p: string) => ["args", "check", "freeformType", "specialArgs"].map((n) => `${p}_module.${n}`);
    expect(names).toEqual([
      ...m4(""),
      "a",
      "b.byName",
      ...m4("b.byName.<name>."),
      "b.byName.<name>.hidden",
      "b.byName.<name>.image",
      "b.inList",
      ...m4("b.inList.*."),
      "b.inList.*.hidden",
      "b.inList.*.image",
      "b.invisible",
      "b.shallow",
      "md",
      "pretty",
    ]);
  });

  test("visible: internal and invisible options are left out, shallow keeps the option only", () => {
    const shown = visibleOptions(docs).map((d) => d.name);
    expect(shown).toContain("b.shallow");
    expect(shown).not.toContain("b.invisible");
    expect(shown).not.toContain("b.byName.<name>.hidden");
    expect(shown).toContain("b.byName.<name>.image");
  });

  test("defaultText wins over default; literalMD stays; values are pretty-printed like Nix", () => {
    const by = (n: string) => docs.find((d) => d.name === n)!;
    expect(by("a").default).toEqual({ _type: "literalExpression", text: "one" });
    expect(by("md").example).toEqual({ _type: "literalMD", text: "*yes*" });
    expect(by("pretty").default).toEqual({
      _type: "literalExpression",
      text: '{\n  a = [ ];\n  z = [\n    "1"\n  ];\n}',
    });
    expect(by("b.byName.<name>.image")).toMatchObject({
      loc: ["b", "byName", "<name>", "image"],
      type: "string",
      description: "The image.",
      declarations: ["m.nix"],
      example: { _type: "literalExpression", text: '"hello"' },
    });
    expect(by("b.byName").type).toBe("attribute set of (submodule)");
  });

  test("renderOptionValue", () => {
    expect(renderOptionValue("a\nb")).toEqual({ _type: "literalExpression", text: "''\n  a\n  b''" });
    expect(renderOptionValue(literalExpression("pkgs.hello"))).toEqual({
      _type: "literalExpression",
      text: "pkgs.hello",
    });
  });

  test("JSON and Markdown renderings", () => {
    const json = JSON.parse(optionsToJson(visibleOptions(docs)));
    expect(json["b.byName.<name>.image"].loc).toEqual(["b", "byName", "<name>", "image"]);
    const md = optionsToMarkdown(visibleOptions(docs).filter((d) => d.name.startsWith("b.byName")));
    expect(md).toMatchInlineSnapshot(`
      "# Options

      ## b.byName

      By name.

      *Type:* attribute set of (submodule)

      *Default:* \`{ }\`

      *Declared by:* \`m.nix\`

      ## b.byName.\\<name\\>.image

      The image.

      *Type:* string

      *Example:* \`"hello"\`

      *Declared by:* \`m.nix\`
      "
    `);
  });
});

describe("the NixOS options", () => {
  test("containers.<name>.image and the package defaults", async () => {
    const { defaultModules, makePkgs } = await import("../../src/modules/index.js");
    const docs = visibleOptions(
      optionAttrSetToDocList(
        evalModules({ modules: defaultModules as object[], specialArgs: { pkgs: makePkgs() } }).options,
      ),
    );
    const by = (n: string) => docs.find((d) => d.name === n);
    expect(by("virtualisation.oci-containers.containers.<name>.image")).toMatchObject({
      description: "OCI image to run.",
      declarations: ["oci-containers.nix"],
    });
    expect(by("virtualisation.docker.package")?.default).toEqual({
      _type: "literalExpression",
      text: "pkgs.docker",
    });
    expect(by("virtualisation.oci-containers.backend")?.default).toEqual({
      _type: "literalExpression",
      text: '"podman"',
    });
    // Internal options are not documented.
    expect(by("systemd.services.<name>.jobScripts")).toBeUndefined();
    expect(by("networking.proxy.envVars")).toBeUndefined();
  });

  test.each([
    ["options.md", "2025-06"],
    ["options-2023-07.md", "2023-07"],
  ] as const)("docs/%s is up to date (regenerate it with `npm run docs:options`)", async (file, revision) => {
    const before = useRevision(revision);
    let expected: string;
    try {
      expected = await optionsMarkdown();
    } finally {
      setLibRevision(before);
    }
    const actual = readFileSync(new URL(`../../docs/${file}`, import.meta.url), "utf8");
    if (actual !== expected + "\n" && actual !== expected) {
      expect.fail(`docs/${file} is out of date: run \`npm run docs:options\` and commit the result`);
    }
  });
});
