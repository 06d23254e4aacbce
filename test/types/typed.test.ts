/** Run-time behaviour of the typed authoring API: a typed module is an ordinary module. */
import { describe, expect, test } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkEnableOption, mkOption } from "../../src/lib/options.js";
import { mkAfter, mkIf } from "../../src/lib/properties.js";
import { configCodec, defineModule, typedConfig } from "../../src/lib/typed.js";
import { types } from "../../src/types/index.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";
import { defineNixosModule, type NixosConfig, type NixosOptions } from "../../src/modules/typed.js";
import type { Module } from "../../src/lib/module-types.js";

const evalNixos = (...modules: Module[]) =>
  evalModules<NixosConfig>({
    modules: [...(defaultModules as Module[]), ...modules],
    specialArgs: { pkgs: makePkgs() },
  });

describe("defineModule at run time", () => {
  test("an override module is an ordinary module", () => {
    const containers = defineNixosModule({
      config: { virtualisation: { "oci-containers": { containers: { web: { image: "nginx:1.25" } } } } },
    });
    const hook = defineNixosModule({
      _file: "hook.ts",
      // Attribute names must not depend on config (that would be an infinite recursion, as in
      // Nix); values may, lazily.
      config: ({ config }) => ({
        systemd: {
          services: {
            "podman-web": {
              serviceConfig: { ExecStartPre: mkAfter(["/bin/hook"]) },
              get description() {
                return `web (${config.virtualisation["oci-containers"].containers.web!.image})`;
              },
            },
          },
        },
      }),
    });
    const { config } = evalNixos(containers, hook);
    const pre = config.systemd.services["podman-web"]!.serviceConfig.ExecStartPre as string[];
    expect(pre).toHaveLength(2);
    expect(pre[1]).toBe("/bin/hook");
    expect(config.systemd.services["podman-web"]!.description).toBe("web (nginx:1.25)");
    expect(config.virtualisation["oci-containers"].containers.web!.image).toBe("nginx:1.25");
  });

  test("a module declaring options reads them lazily (mkIf thunk)", () => {
    const hello = defineNixosModule({
      _file: "hello.ts",
      options: {
        services: {
          hello: {
            enable: mkEnableOption("the hello container"),
            greeting: mkOption({ type: types.str, default: "hello" }),
          },
        },
      },
      config: ({ config }) =>
        mkIf(() => config.services.hello.enable, {
          virtualisation: {
            "oci-containers": {
              containers: {
                hello: {
                  image: "hello-world",
                  get cmd() {
                    return [config.services.hello.greeting];
                  },
                },
              },
            },
          },
        }),
    });
    const off = evalNixos(hello).config as NixosConfig & { services: { hello: { enable: boolean } } };
    expect(off.services.hello.enable).toBe(false);
    expect(Object.keys(off.virtualisation["oci-containers"].containers)).toEqual([]);

    const on = defineModule<
      NixosOptions & { services: { hello: { enable: ReturnType<typeof mkEnableOption> } } }
    >()({
      config: { services: { hello: { enable: true } } },
    });
    const { config } = evalNixos(hello, on);
    expect(config.virtualisation["oci-containers"].containers.hello!.cmd).toEqual(["hello"]);
    expect(config.systemd.services["podman-hello"]!.script).toContain("hello-world");
  });

  test("options given as a function of the module arguments", () => {
    const m = defineModule({
      options: ({ lib }) => ({
        greeting: mkOption({ type: types.str, default: "hi" }),
        hasLib: mkOption({ type: types.bool, default: typeof lib.mkIf === "function" }),
        loud: mkOption({ type: types.str }),
      }),
      config: ({ config }) => ({
        get loud() {
          return config.greeting.toUpperCase();
        },
      }),
    });
    const { config } = evalModules({ modules: [m] });
    expect(config.loud).toBe("HI");
    expect(config.hasLib).toBe(true);
  });

  test("definitions beside `config:` are refused as Nix refuses them, not dropped", () => {
    const m = defineNixosModule({
      _file: "beside.ts",
      key: "beside.ts",
      // @ts-expect-error: definitions belong under `config`
      virtualisation: { "oci-containers": { containers: { web: { image: "nginx" } } } },
    });
    expect(() => evalNixos(m).config.systemd.services).toThrow(
      "Module `beside.ts' has an unsupported attribute `virtualisation'. This is caused by introducing a top-level `config' or `options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: virtualisation) into the explicit `config' attribute.",
    );
  });
});

describe("configCodec", () => {
  const options = {
    name: mkOption({ type: types.str }),
    sub: { ports: mkOption({ type: types.listOf(types.port), default: [] }) },
  };

  test("decodes an evaluated config", () => {
    const { config } = evalModules({
      modules: [{ options }, { config: { name: "x", sub: { ports: [80] } } }],
    });
    const decoded = configCodec(options).decode(config);
    expect(E.isRight(decoded)).toBe(true);
    const typed = typedConfig<typeof options>(config);
    expect(typed.sub.ports).toEqual([80]);
  });

  test("rejects a value of the wrong type", () => {
    const decoded = configCodec(options).decode({ name: 1, sub: { ports: [] } });
    expect(E.isLeft(decoded)).toBe(true);
  });
});
