// A module with options of its own, written with the typed API: `services.hello` declares
// `enable`, `greeting` and `port`, and the config it defines reads them (lazily: a thunk
// for the mkIf condition, getters for values). TypeScript knows the types of the options
// it declares (`config.services.hello.port` is a number) and of the NixOS ones.
//
//   npx nixmod eval --attr virtualisation.oci-containers.containers examples/modules/hello-host.ts
//   npx nixmod options examples/modules/hello.ts | grep hello
import { literalExpression, mkEnableOption, mkIf, mkOption, types } from "nixmod";
import { defineNixosModule } from "nixmod/modules";

export default defineNixosModule({
  _file: "examples/modules/hello.ts",
  options: {
    services: {
      hello: {
        enable: mkEnableOption("the hello web container"),
        greeting: mkOption({ type: types.str, default: "Hello", description: "What the page says." }),
        port: mkOption({
          type: types.port,
          default: 8080,
          example: literalExpression("80"),
          description: "Host port the page is published on.",
        }),
      },
    },
  },
  // `args.pkgs` is read inside a getter: module arguments other than config, options, lib and
  // specialArgs come from `_module.args`, known only once all modules are collected.
  config: (args) =>
    mkIf(() => args.config.services.hello.enable, {
      virtualisation: {
        "oci-containers": {
          containers: {
            hello: {
              image: "docker.io/hashicorp/http-echo:1.0",
              get cmd() {
                return [`-text=${args.config.services.hello.greeting}`, "-listen=:5678"];
              },
              get ports() {
                return [`${args.config.services.hello.port}:5678`];
              },
            },
          },
        },
      },
      systemd: {
        services: {
          "podman-hello": {
            // A package from pkgs in the service's PATH (pkgs is typed: Pkgs).
            get path() {
              return [args.pkgs.coreutils];
            },
          },
        },
      },
    }),
});
