/**
 * OCI (Docker/Podman) containers as systemd services: a translation of NixOS's
 * `nixos/modules/virtualisation/oci-containers.nix` at nixpkgs b7fd022677, July 2023: the
 * revision `2023-07`, the seed, evaluated with the lib of its time (the pre-start
 * script is a `writeShellApplication` put in `serviceConfig.ExecStartPre`, so that other
 * modules can extend it).
 */
import type { ModuleArgs } from "../../../lib/module-types.js";
import { literalExpression, mdDoc, mkOption } from "../../../lib/options.js";
import { mkIf, mkMerge } from "../../../lib/properties.js";
import { throwError } from "../../../lib/errors.js";
import { types } from "../../../types/index.js";
import { dockerContainersMigration } from "./docker-containers.js";
import { containerNameType, shellWordPackage, shellWordType } from "./hardening.js";
import { attrsWithNames } from "../../../types/named.js";
import type { Pkgs } from "../../pkgs.js";
import {
  concatStringsSep,
  escapeShellArgQuoted as escapeShellArg,
  interpolate,
  mapAttrsPrime,
  mapAttrsToList,
  nameValuePair,
  optional,
  optionalAttrs,
  optionals,
  thunk,
  versionAtLeast,
} from "../../support.js";

type Attrs = Record<string, any>;

/** A container as the `containers.<name>` submodule gives it. */
export interface Container {
  image: string;
  imageFile: { outPath: string } | null;
  login: { username: string | null; passwordFile: string | null; registry: string | null };
  cmd: string[];
  entrypoint: string | null;
  environment: Record<string, string>;
  environmentFiles: string[];
  "log-driver": string;
  ports: string[];
  user: string | null;
  volumes: string[];
  workdir: string | null;
  dependsOn: string[];
  extraOptions: string[];
  autoStart: boolean;
}

export const ociContainersModule = (args: ModuleArgs) => {
  const config = args.config as Attrs;
  // The seed's `let cfg = config.virtualisation.oci-containers`: read once, when first needed.
  const cfg = thunk((): Attrs => config.virtualisation["oci-containers"]);
  const proxyEnv = thunk((): Attrs => config.networking.proxy.envVars);
  const defaultBackend = (): string =>
    (args.options as Attrs).virtualisation["oci-containers"].backend.default;
  const pkgs = (): Pkgs => args.pkgs as Pkgs;

  const containerOptions = {
    options: {
      image: mkOption({
        type: shellWordType,
        description: mdDoc("OCI image to run."),
        example: "library/hello-world",
      }),

      imageFile: mkOption({
        type: types.nullOr(shellWordPackage),
        default: null,
        description: mdDoc(`Path to an image file to load before running the image. This can
be used to bypass pulling the image from the registry.
The \`image\` attribute must match the name and
tag of the image contained in this file, as they will be used to
run the container with that image. If they do not match, the
image will be pulled from the registry as usual.
`),
        example: literalExpression("pkgs.dockerTools.buildImage {...};"),
      }),

      login: {
        username: mkOption({
          type: types.nullOr(shellWordType),
          default: null,
          description: mdDoc("Username for login."),
        }),

        passwordFile: mkOption({
          type: types.nullOr(shellWordType),
          default: null,
          description: mdDoc("Path to file containing password."),
          example: "/etc/nixos/dockerhub-password.txt",
        }),

        registry: mkOption({
          type: types.nullOr(shellWordType),
          default: null,
          description: mdDoc("Registry where to login to."),
          example: "https://docker.pkg.github.com",
        }),
      },

      cmd: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: mdDoc("Commandline arguments to pass to the image's entrypoint."),
        example: literalExpression(`["--port=9000"]
`),
      }),

      entrypoint: mkOption({
        type: types.nullOr(types.str),
        description: mdDoc("Override the default entrypoint of the image."),
        default: null,
        example: "/bin/my-app",
      }),

      environment: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        description: mdDoc("Environment variables to set for this container."),
        example: literalExpression(`{
DATABASE_HOST = "db.example.com";
DATABASE_PORT = "3306";
}
`),
      }),

      environmentFiles: mkOption({
        type: types.listOf(types.path),
        default: [],
        description: mdDoc("Environment files for this container."),
        example: literalExpression(`[
/path/to/.env
/path/to/.env.secret
]
`),
      }),

      "log-driver": mkOption({
        type: shellWordType,
        default: "journald",
        description: mdDoc(`Logging driver for the container. The default of
\`"journald"\` means that the container's logs will be
handled as part of the systemd unit.
For more details and a full list of logging drivers, refer to respective backends documentation.
For Docker:
[Docker engine documentation](https://docs.docker.com/engine/reference/run/#logging-drivers---log-driver)
For Podman:
Refer to the docker-run(1) man page.
`),
      }),

      ports: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: mdDoc(`Network ports to publish from the container to the outer host.
Valid formats:
- \`<ip>:<hostPort>:<containerPort>\`
- \`<ip>::<containerPort>\`
- \`<hostPort>:<containerPort>\`
- \`<containerPort>\`
Both \`hostPort\` and \`containerPort\` can be specified as a range of
ports. When specifying ranges for both, the number of container
ports in the range must match the number of host ports in the
range. Example: \`1234-1236:1234-1236/tcp\`
When specifying a range for \`hostPort\` only, the \`containerPort\`
must *not* be a range. In this case, the container port is published
somewhere within the specified \`hostPort\` range.
Example: \`1234-1236:1234/tcp\`
Refer to the
[Docker engine documentation](https://docs.docker.com/engine/reference/run/#expose-incoming-ports) for full details.
`),
        example: literalExpression(`[
"8080:9000"
]
`),
      }),

      user: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: mdDoc(`Override the username or UID (and optionally groupname or GID) used
in the container.
`),
        example: "nobody:nogroup",
      }),

      volumes: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: mdDoc(`List of volumes to attach to this container.
Note that this is a list of \`"src:dst"\` strings to
allow for \`src\` to refer to \`/nix/store\` paths, which
would be difficult with an attribute set. There are
also a variety of mount options available as a third
field; please refer to the
[docker engine documentation](https://docs.docker.com/engine/reference/run/#volume-shared-filesystems) for details.
`),
        example: literalExpression(`[
"volume_name:/path/inside/container"
"/path/on/host:/path/inside/container"
]
`),
      }),

      workdir: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: mdDoc("Override the default working directory for the container."),
        example: "/var/lib/hello_world",
      }),

      dependsOn: mkOption({
        type: types.listOf(containerNameType),
        default: [],
        description:
          mdDoc(`Define which other containers this one depends on. They will be added to both After and Requires for the unit.
Use the same name as the attribute under \`virtualisation.oci-containers.containers\`.
`),
        example: literalExpression(`virtualisation.oci-containers.containers = {
node1 = {};
node2 = {
dependsOn = [ "node1" ];
}
}
`),
      }),

      extraOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        get description() {
          return mdDoc(`Extra options for {command}\`${defaultBackend()} run\`.`);
        },
        example: literalExpression(`["--network=host"]
`),
      }),

      autoStart: mkOption({
        type: types.bool,
        default: true,
        description: mdDoc(`When enabled, the container is automatically started on boot.
If this option is set to false, the container has to be started on-demand via its service.
`),
      }),
    },
  };

  const isValidLogin = (login: Container["login"]): boolean =>
    login.username !== null && login.passwordFile !== null && login.registry !== null;

  const mkService = (name: string, container: Container): Attrs => {
    const backend = (): string => cfg().backend;
    const dependsOn = (): string[] => container.dependsOn.map((x) => `${backend()}-${x}.service`);
    const escapedName = escapeShellArg(name);
    const login = container.login;
    // The seed's '' string, line for line: each optional part ends with its own newline.
    const preStartScript = thunk(() =>
      pkgs().writeShellApplication({
        name: "pre-start",
        runtimeInputs: [],
        // (`cond ? text : ""` is optionalString with its text evaluated only when needed, as in Nix.)
        text: `${backend()} rm -f ${name} || true
${
  isValidLogin(login)
    ? `cat ${login.passwordFile} | \\
${backend()} login \\
${login.registry} \\
--username ${login.username} \\
--password-stdin
`
    : ""
}
${container.imageFile !== null ? `${backend()} load -i ${interpolate(container.imageFile)}\n` : ""}
${backend() === "podman" ? `rm -f /run/podman-${escapedName}.ctr-id\n` : ""}
`,
      }),
    );

    return {
      get wantedBy() {
        return [...optional(container.autoStart, "multi-user.target")];
      },
      get after() {
        return [
          ...optionals(backend() === "docker", ["docker.service", "docker.socket"]),
          // if imageFile is not set, the service needs the network to download the image from the registry
          ...optionals(container.imageFile === null, ["network-online.target"]),
          ...dependsOn(),
        ];
      },
      get requires() {
        return dependsOn();
      },
      get environment() {
        return proxyEnv();
      },
      get path() {
        return backend() === "docker"
          ? [config.virtualisation.docker.package]
          : backend() === "podman"
            ? [config.virtualisation.podman.package]
            : throwError(`Unhandled backend: ${backend()}`);
      },
      get script() {
        return concatStringsSep(" \\\n ", [
          `exec ${backend()} run`,
          "--rm",
          `--name=${escapedName}`,
          `--log-driver=${container["log-driver"]}`,
          ...optional(container.entrypoint !== null, `--entrypoint=${escapeShellArg(container.entrypoint)}`),
          ...optionals(backend() === "podman", [
            `--cidfile=/run/podman-${escapedName}.ctr-id`,
            "--cgroups=no-conmon",
            "--sdnotify=conmon",
            "-d",
            "--replace",
          ]),
          ...mapAttrsToList((k, v) => `-e ${escapeShellArg(k)}=${escapeShellArg(v)}`, container.environment),
          ...container.environmentFiles.map((f) => `--env-file ${escapeShellArg(f)}`),
          ...container.ports.map((p) => `-p ${escapeShellArg(p)}`),
          ...optional(container.user !== null, `-u ${escapeShellArg(container.user)}`),
          ...container.volumes.map((v) => `-v ${escapeShellArg(v)}`),
          ...optional(container.workdir !== null, `-w ${escapeShellArg(container.workdir)}`),
          ...container.extraOptions.map(escapeShellArg),
          container.image,
          ...container.cmd.map(escapeShellArg),
        ]);
      },
      get preStop() {
        return backend() === "podman"
          ? `[ $SERVICE_RESULT = success ] || podman stop --ignore --cidfile=/run/podman-${escapedName}.ctr-id`
          : `[ $SERVICE_RESULT = success ] || ${backend()} stop ${name}`;
      },
      get postStop() {
        return backend() === "podman"
          ? `podman rm -f --ignore --cidfile=/run/podman-${escapedName}.ctr-id`
          : `${backend()} rm -f ${name} || true`;
      },
      get serviceConfig() {
        return {
          // There is no generalized way of supporting `reload` for containers (signal handling
          // differs from image to image), so ExecReload is left undefined: `systemctl reload`
          // then fails instead of doing something undefined. Other modules may still define it.
          ExecStartPre: [`${interpolate(preStartScript())}/bin/pre-start`],
          TimeoutStartSec: 0,
          TimeoutStopSec: 120,
          Restart: "always",
          ...optionalAttrs(backend() === "podman", {
            Environment: `PODMAN_SYSTEMD_UNIT=podman-${name}.service`,
            Type: "notify",
            NotifyAccess: "all",
          }),
        };
      },
    };
  };

  return {
    _file: "oci-containers.nix",
    key: "nixmod:modules/virtualisation/oci-containers.nix",

    imports: [dockerContainersMigration],

    options: {
      virtualisation: {
        "oci-containers": {
          backend: mkOption({
            type: types.enum(["podman", "docker"]),
            get default() {
              return versionAtLeast(config.system.stateVersion, "22.05") ? "podman" : "docker";
            },
            description: mdDoc("The underlying Docker implementation to use."),
          }),

          containers: mkOption({
            default: {},
            type: attrsWithNames(containerNameType, types.attrsOf(types.submodule(containerOptions))),
            description: mdDoc("OCI (Docker) containers to run as systemd services."),
          }),
        },
      },
    },

    config: mkIf(
      () => Object.keys(cfg().containers as Attrs).length !== 0,
      mkMerge([
        {
          systemd: {
            get services() {
              return mapAttrsPrime(
                (n, v) => nameValuePair(`${cfg().backend}-${n}`, mkService(n, v as Container)),
                cfg().containers as Attrs,
              );
            },
          },
        },
        mkIf(() => cfg().backend === "podman", {
          virtualisation: { podman: { enable: true } },
        }),
        mkIf(() => cfg().backend === "docker", {
          virtualisation: { docker: { enable: true } },
        }),
      ]),
    ),
  };
};

export default ociContainersModule;
