/**
 * Type-level tests: the type of `config` is inferred from option declarations, definitions
 * are checked against them, and properties check against the option they wrap. Checked by
 * `npm run typecheck` (tsc --noEmit: every `@ts-expect-error` must meet an error) and by
 * vitest's typecheck mode.
 */
import { describe, expectTypeOf, test } from "vitest";
import * as t from "io-ts";
import {
  mkAfter,
  mkBefore,
  mkDefault,
  mkForce,
  mkIf,
  mkMerge,
  mkOrder,
  mkOverride,
} from "../../src/lib/properties.js";
import { mkEnableOption, mkOption } from "../../src/lib/options.js";
import {
  configCodec,
  defineModule,
  type ConfigOf,
  type DefinitionOf,
  type OptionsOf,
} from "../../src/lib/typed.js";
import { types } from "../../src/types/index.js";
import {
  defineNixosModule,
  type NixosConfig,
  type NixosDefinition,
  type NixosOptions,
  type NixosConfig2023,
  type OciContainerConfig,
} from "../../src/modules/typed.js";
import type { Derivation } from "../../src/types/values.js";
import type { Pkgs } from "../../src/modules/pkgs.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { defaultModules } from "../../src/modules/index.js";

describe("ConfigOf: the type of config from declarations", () => {
  test("leaves become their type's values, trees nested objects", () => {
    const _options = {
      name: mkOption({ type: types.str }),
      count: mkOption({ type: types.int, default: 1 }),
      tags: mkOption({ type: types.listOf(types.str), default: [] }),
      labels: mkOption({ type: types.attrsOf(types.str), default: {} }),
      owner: mkOption({ type: types.nullOr(types.str), default: null }),
      mode: mkOption({ type: types.enum(["fast", "slow"]) }),
      nested: { enable: mkEnableOption("nested things") },
      untyped: mkOption({ default: 3 }),
    };
    type C = ConfigOf<typeof _options>;
    expectTypeOf<C["name"]>().toEqualTypeOf<string>();
    expectTypeOf<C["count"]>().toEqualTypeOf<number>();
    expectTypeOf<C["tags"]>().toEqualTypeOf<string[]>();
    expectTypeOf<C["labels"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<C["owner"]>().toEqualTypeOf<string | null>();
    expectTypeOf<C["mode"]>().toEqualTypeOf<"fast" | "slow">();
    expectTypeOf<C["nested"]["enable"]>().toEqualTypeOf<boolean>();
    expectTypeOf<C["untyped"]>().toEqualTypeOf<unknown>();
  });

  test("apply gives the option's value type", () => {
    const _options = { size: mkOption({ type: types.str, apply: (s) => s.length }) };
    expectTypeOf<ConfigOf<typeof _options>["size"]>().toEqualTypeOf<number>();
  });

  test("submodules: the config of a value is inferred from the submodule's options", () => {
    const _options = {
      servers: mkOption({
        type: types.attrsOf(
          types.submodule({
            options: { port: mkOption({ type: types.port }), host: { name: mkOption({ type: types.str }) } },
          }),
        ),
      }),
    };
    expectTypeOf<ConfigOf<typeof _options>["servers"][string]>().toEqualTypeOf<{
      port: number;
      host: { name: string };
    }>();
  });

  test("the NixOS options: containers.<name>.image is a string", () => {
    expectTypeOf<
      NixosConfig["virtualisation"]["oci-containers"]["containers"]["web"]["image"]
    >().toEqualTypeOf<string>();
    expectTypeOf<NixosConfig["virtualisation"]["oci-containers"]["backend"]>().toEqualTypeOf<
      "podman" | "docker"
    >();
    expectTypeOf<OciContainerConfig["imageFile"]>().toEqualTypeOf<Derivation | null>();
    expectTypeOf<OciContainerConfig["login"]["username"]>().toEqualTypeOf<string | null>();
    expectTypeOf<OciContainerConfig["dependsOn"]>().toEqualTypeOf<string[]>();
    expectTypeOf<OciContainerConfig["autoStart"]>().toEqualTypeOf<boolean>();
    expectTypeOf<NixosConfig["systemd"]["services"][string]["preStart"]>().toEqualTypeOf<string>();
    expectTypeOf<NixosConfig["systemd"]["services"][string]["startAt"]>().toEqualTypeOf<string[]>();
    expectTypeOf<NixosConfig["system"]["stateVersion"]>().toEqualTypeOf<string>();
    // Revision 2025-06's options (the default) and the base's users.
    expectTypeOf<OciContainerConfig["labels"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<OciContainerConfig["networks"]>().toEqualTypeOf<string[]>();
    expectTypeOf<OciContainerConfig["pull"]>().toEqualTypeOf<"always" | "missing" | "never" | "newer">();
    expectTypeOf<OciContainerConfig["capabilities"]>().toEqualTypeOf<Record<string, boolean | null>>();
    expectTypeOf<OciContainerConfig["privileged"]>().toEqualTypeOf<boolean>();
    expectTypeOf<OciContainerConfig["hostname"]>().toEqualTypeOf<string | null>();
    expectTypeOf<OciContainerConfig["serviceName"]>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<OciContainerConfig["podman"]>["sdnotify"]>().toEqualTypeOf<
      "conmon" | "healthy" | "container"
    >();
    expectTypeOf<NixosConfig["users"]["users"][string]["uid"]>().toEqualTypeOf<number | null>();
    expectTypeOf<NixosConfig["users"]["users"][string]["linger"]>().toEqualTypeOf<boolean>();
    // The seed's containers have none of them.
    expectTypeOf<
      NixosConfig2023["virtualisation"]["oci-containers"]["containers"][string]
    >().not.toHaveProperty("labels");
    expectTypeOf<NixosConfig["virtualisation"]["podman"]["enable"]>().toEqualTypeOf<boolean>();
    expectTypeOf<NixosConfig["networking"]["proxy"]["httpProxy"]>().toEqualTypeOf<string | null>();
  });

  test("io-ts: a config codec's type is ConfigOf", () => {
    const _options = {
      a: mkOption({ type: types.str }),
      b: { c: mkOption({ type: types.listOf(types.int) }) },
    };
    const _codec = configCodec(_options);
    expectTypeOf<t.TypeOf<typeof _codec>>().toEqualTypeOf<ConfigOf<typeof _options>>();
    expectTypeOf<t.TypeOf<typeof _codec>["b"]["c"]>().toEqualTypeOf<number[]>();
  });
});

describe("DefinitionOf: what a module may define", () => {
  test("plain values, deep-partial", () => {
    const ok: NixosDefinition = {
      virtualisation: {
        "oci-containers": { backend: "docker", containers: { web: { image: "nginx", ports: ["80:80"] } } },
      },
    };
    expectTypeOf(ok).toMatchTypeOf<NixosDefinition>();
  });

  test("a misspelt option path fails", () => {
    const _bad: NixosDefinition = {
      virtualisation: {
        "oci-containers": {
          containers: {
            web: {
              // @ts-expect-error: `imgae` is not an option of a container
              imgae: "nginx",
            },
          },
        },
      },
    };
    // @ts-expect-error: `virtualization` (American spelling) is not an option
    const _bad2: NixosDefinition = { virtualization: {} };
  });

  test("a number where a string is declared fails", () => {
    const _bad: NixosDefinition = {
      // @ts-expect-error: image is a string
      virtualisation: { "oci-containers": { containers: { web: { image: 1 } } } },
    };
    const _bad2: NixosDefinition = {
      // @ts-expect-error: ports is a list of strings
      virtualisation: { "oci-containers": { containers: { web: { ports: [8080] } } } },
    };
    // @ts-expect-error: backend is "podman" or "docker"
    const _bad3: NixosDefinition = { virtualisation: { "oci-containers": { backend: "lxc" } } };
  });

  test("properties check against the option they wrap", () => {
    const ok: NixosDefinition = {
      virtualisation: {
        "oci-containers": {
          backend: mkForce("docker"),
          containers: {
            web: {
              image: mkDefault("nginx"),
              cmd: mkBefore(["--first"]),
              dependsOn: mkAfter(["db"]),
              volumes: mkOrder(1200, ["/a:/b"]),
              user: mkOverride(900, null),
              environment: mkIf(true, { A: "1" }),
              ports: mkMerge([["80:80"], mkIf(() => true, ["443:443"])]),
            },
          },
        },
      },
      systemd: {
        services: {
          "podman-web": { serviceConfig: { Restart: mkForce("no") }, preStart: mkAfter("echo hi") },
        },
      },
    };
    expectTypeOf(ok).toMatchTypeOf<NixosDefinition>();

    const _b1: NixosDefinition = {
      // @ts-expect-error: mkForce of a number where a string is declared
      virtualisation: { "oci-containers": { containers: { web: { image: mkForce(1) } } } },
    };
    const _b2: NixosDefinition = {
      // @ts-expect-error: mkBefore of a list of numbers where a list of strings is declared
      virtualisation: { "oci-containers": { containers: { web: { cmd: mkBefore([1]) } } } },
    };
    const _b3: NixosDefinition = {
      // @ts-expect-error: mkIf content of the wrong type
      virtualisation: { "oci-containers": { containers: { web: { autoStart: mkIf(true, "yes") } } } },
    };
    const _b4: NixosDefinition = {
      // @ts-expect-error: mkForce of a backend that is not in the enum
      virtualisation: { "oci-containers": { backend: mkForce("lxc") } },
    };
    const _b5: NixosDefinition = {
      // @ts-expect-error: a misspelt path inside mkIf content
      virtualisation: mkIf(true, { "oci-containers": { containres: {} } }),
    };
  });

  test("a definition of a tree of options", () => {
    const _options = { a: { b: mkOption({ type: types.bool }) } };
    expectTypeOf<{ a: { b: true } }>().toMatchTypeOf<DefinitionOf<typeof _options>>();
    expectTypeOf<{ a: { b: "true" } }>().not.toMatchTypeOf<DefinitionOf<typeof _options>>();
  });
});

describe("defineModule", () => {
  test("an override module against the NixOS options", () => {
    defineNixosModule({
      config: ({ config }) => {
        expectTypeOf(config.virtualisation["oci-containers"].containers.web.image).toEqualTypeOf<string>();
        return {
          systemd: {
            services: {
              "podman-web": { serviceConfig: { ExecStartPre: mkAfter(["/run/current-system/sw/bin/true"]) } },
            },
          },
        };
      },
    });
    defineNixosModule({
      // @ts-expect-error: a number where a string is declared
      config: { system: { stateVersion: 23.11 } },
    });
    defineNixosModule({
      // @ts-expect-error: a misspelt option path
      config: { sytemd: {} },
    });
  });

  test("a module that declares its own options and reads them", () => {
    const _hello = defineNixosModule({
      options: {
        services: {
          hello: {
            enable: mkEnableOption("the hello container"),
            greeting: mkOption({ type: types.str, default: "hello" }),
            replicas: mkOption({ type: types.ints.positive, default: 1 }),
          },
        },
      },
      config: ({ config, options }) => {
        expectTypeOf(config.services.hello.greeting).toEqualTypeOf<string>();
        expectTypeOf(config.services.hello.enable).toEqualTypeOf<boolean>();
        expectTypeOf(config.virtualisation["oci-containers"].backend).toEqualTypeOf<"podman" | "docker">();
        expectTypeOf(options.services.hello.greeting.isDefined).toEqualTypeOf<boolean>();
        expectTypeOf(options.services.hello.greeting.value).toEqualTypeOf<string>();
        return mkIf(() => config.services.hello.enable, {
          services: { hello: { replicas: mkDefault(2) } },
          virtualisation: {
            "oci-containers": {
              containers: { hello: { image: "hello-world", cmd: [config.services.hello.greeting] } },
            },
          },
        });
      },
    });
    type HelloOptions = OptionsOf<typeof _hello>;
    expectTypeOf<ConfigOf<HelloOptions>["services"]["hello"]["greeting"]>().toEqualTypeOf<string>();

    // Another module, against NixOS and the hello module's options.
    const defineWithHello = defineModule<NixosOptions & HelloOptions>();
    defineWithHello({ config: { services: { hello: { enable: true, greeting: "hi" } } } });
    // @ts-expect-error: replicas is a positive integer, not a string
    defineWithHello({ config: { services: { hello: { replicas: "2" } } } });
  });

  test("a standalone module checks config against its own options", () => {
    defineModule({
      options: { port: mkOption({ type: types.port }) },
      config: { port: 8080 },
    });
    defineModule({
      options: { port: mkOption({ type: types.port }) },
      // @ts-expect-error: port is a number
      config: { port: "8080" },
    });
  });
});

describe("defineNixosModule arguments", () => {
  test("pkgs is the package set's type; the example module's options are inferred", () => {
    defineNixosModule({
      config: ({ pkgs }) => {
        expectTypeOf(pkgs).toEqualTypeOf<Pkgs>();
        expectTypeOf(pkgs.writeText("a", "b").outPath).toEqualTypeOf<string>();
        return {};
      },
    });
    type C = ConfigOf<OptionsOf<typeof import("../../examples/modules/hello.js").default>>;
    expectTypeOf<C["services"]["hello"]["port"]>().toEqualTypeOf<number>();
    expectTypeOf<C["services"]["hello"]["greeting"]>().toEqualTypeOf<string>();
  });
});

describe("evalModules: the config's type from the modules", () => {
  const app = defineNixosModule({
    options: { services: { app: { replicas: mkOption({ type: types.ints.positive, default: 1 }) } } },
  });
  const host = defineModule<NixosOptions & OptionsOf<typeof app>>()({
    imports: [app],
    config: { services: { app: { replicas: 2 } } },
  });

  test("typed when every module is: the NixOS options, and those the modules know", () => {
    const { config } = evalModules({ modules: [...defaultModules, host] });
    expectTypeOf(config.services.app.replicas).toEqualTypeOf<number>();
    expectTypeOf(config.virtualisation["oci-containers"].containers).toEqualTypeOf<
      Record<string, OciContainerConfig>
    >();
    // @ts-expect-error: no such option
    void config.services.ap;
  });

  test("any when a module is not typed (an object literal, a Module), or as asked", () => {
    const untyped = evalModules({ modules: [...defaultModules, host, { services: {} }] }).config;
    expectTypeOf(untyped).toBeAny();
    expectTypeOf(evalModules({ modules: [] }).config).toBeAny();
    expectTypeOf(evalModules<{ x: number }>({ modules: [host] }).config).toEqualTypeOf<{ x: number }>();
  });
});
