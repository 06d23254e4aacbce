/**
 * OCI (Docker/Podman) containers as systemd services: a translation of NixOS's
 * `nixos/modules/virtualisation/oci-containers.nix` at nixpkgs 035a24e7ed33 (mid-2025): the
 * revision `2025-06`, evaluated with the lib of its time. Beside the seed's options it has
 * labels, hostname, networks, pull policies, capabilities, devices, privileged containers,
 * `autoRemoveOnStop`, `preRunExtraOptions`, `imageStream`, `serviceName`, rootless podman
 * (`podman.user`, with the user's uid, home and lingering) and readiness (`podman.sdnotify`),
 * assertions and warnings, and a registry login that reads the password file on standard input
 * and falls back to a local image when the login fails.
 */
import type { ModuleArgs } from "../../../lib/module-types.js";
import { atPosition, EvalError, throwError, type SourcePosition } from "../../../lib/errors.js";
import { describeType, filterAttrs, foldlAttrs, getAttrs } from "../../../lib/nix/attrsets.js";
import { unique } from "../../../lib/nix/lists.js";
import { Lazy } from "../../../lib/lazy.js";
import { literalExpression, mkOption } from "../../../lib/options.js";
import { mkIf, mkMerge } from "../../../lib/properties.js";
import { types } from "../../../types/index.js";
import { attrsWithNames } from "../../../types/named.js";
import type { Pkgs } from "../../pkgs.js";
import {
  attrNames,
  concatStringsSep,
  escapeShellArgIfNeeded as escapeShellArg,
  interpolate,
  mapAttrsPrime,
  mapAttrsToList,
  nameValuePair,
  nixToString,
  optional,
  optionalAttrs,
  optionals,
  thunk,
  versionAtLeast,
} from "../../support.js";
import { dockerContainersMigration } from "./docker-containers.js";
import { containerNameType, shellWordPackage, shellWordType } from "./hardening.js";

type Attrs = Record<string, any>;

/** A container as the `containers.<name>` submodule gives it. */
export interface Container {
  image: string;
  imageFile: { outPath: string } | null;
  imageStream: { outPath: string } | null;
  serviceName: string;
  login: { username: string | null; passwordFile: string | null; registry: string | null };
  cmd: string[];
  labels: Record<string, string>;
  entrypoint: string | null;
  environment: Record<string, string>;
  environmentFiles: string[];
  "log-driver": string;
  ports: string[];
  user: string | null;
  volumes: string[];
  workdir: string | null;
  dependsOn: string[];
  hostname: string | null;
  preRunExtraOptions: string[];
  extraOptions: string[];
  autoStart: boolean;
  podman: { sdnotify: "conmon" | "healthy" | "container"; user: string } | null;
  pull: "always" | "missing" | "never" | "newer";
  capabilities: Record<string, boolean | null>;
  devices: string[];
  privileged: boolean;
  autoRemoveOnStop: boolean;
  networks: string[];
}

/**
 * Where the module reads `config.users.users.<user>`: NixOS names the place in the module's
 * source when the user does not exist, so the same place is named here (file, line, column
 * and the code around it, as in nixpkgs 035a24e7ed33).
 */
const usersAt = (line: number, code: readonly [string, string, string]): SourcePosition => ({
  file: "oci-containers.nix",
  line,
  column: code[1].indexOf("config.users.users") + 1,
  code,
});
const UID_AT = usersAt(419, [
  `      effectiveUser = container.podman.user or "root";`,
  "      inherit (config.users.users.${effectiveUser}) uid;",
  "      dependOnLingerService =",
]);
const LINGER_SERVICE_AT = usersAt(421, [
  "      dependOnLingerService =",
  `        cfg.backend == "podman" && effectiveUser != "root" && config.users.users.\${effectiveUser}.linger;`,
  "    in",
]);
const HOME_AT = usersAt(450, [
  `        (mkIf (cfg.backend == "podman" && container.podman.user != "root") {`,
  "          HOME = config.users.users.${container.podman.user}.home;",
  "        })",
]);
const ASSERTION_UID_AT = usersAt(615, [
  `                    cfg.backend == "podman" && podman.sdnotify == "healthy" && podman.user != "root"`,
  "                    -> config.users.users.${podman.user}.uid != null;",
  "                  message = ''",
]);
const WARNING_LINGER_AT = usersAt(630, [
  "            let",
  "              inherit (config.users.users.${podman.user}) linger;",
  "            in",
]);

export const ociContainersModule = (args: ModuleArgs) => {
  const config = args.config as Attrs;
  // The module's `let cfg = config.virtualisation.oci-containers`: read once, when first needed.
  const cfg = thunk((): Attrs => config.virtualisation["oci-containers"]);
  const proxyEnv = thunk((): Attrs => config.networking.proxy.envVars);
  const defaultBackend = (): string =>
    (args.options as Attrs).virtualisation["oci-containers"].backend.default;
  const pkgs = (): Pkgs => args.pkgs as Pkgs;

  /** `config.users.users.${user}`, with NixOS's error (and its place) for a user that is not there. */
  const userAccount = (user: string, at: SourcePosition): Attrs => {
    const users = config.users.users as Attrs;
    if (!Object.prototype.propertyIsEnumerable.call(users, user)) {
      throw new EvalError(atPosition(`attribute '${user}' missing`, at));
    }
    return users[user] as Attrs;
  };

  /** `container.podman.<attr>`: a set, unless a module made it null. */
  const podmanOf = (container: Container): NonNullable<Container["podman"]> =>
    container.podman ?? throwError(`value is ${describeType(null)} while a set was expected`);

  const containerOptions = (sub: ModuleArgs) => ({
    config: {
      podman: mkIf(() => cfg().backend === "podman", {}),
    },

    options: {
      image: mkOption({
        type: shellWordType,
        description: "OCI image to run.",
        example: "library/hello-world",
      }),

      imageFile: mkOption({
        type: types.nullOr(shellWordPackage),
        default: null,
        description: `Path to an image file to load before running the image. This can
be used to bypass pulling the image from the registry.

The \`image\` attribute must match the name and
tag of the image contained in this file, as they will be used to
run the container with that image. If they do not match, the
image will be pulled from the registry as usual.
`,
        example: literalExpression("pkgs.dockerTools.buildImage {...};"),
      }),

      imageStream: mkOption({
        type: types.nullOr(shellWordPackage),
        default: null,
        description: `Path to a script that streams the desired image on standard output.

This option is mainly intended for use with
\`pkgs.dockerTools.streamLayeredImage\` so that the intermediate
image archive does not need to be stored in the Nix store.  For
larger images this optimization can significantly reduce Nix store
churn compared to using the \`imageFile\` option, because you don't
have to store a new copy of the image archive in the Nix store
every time you change the image.  Instead, if you stream the image
then you only need to build and store the layers that differ from
the previous image.
`,
        example: literalExpression("pkgs.dockerTools.streamLayeredImage {...};"),
      }),

      serviceName: mkOption({
        type: types.str,
        get default() {
          return `${cfg().backend as string}-${sub.name}`;
        },
        defaultText: "<backend>-<name>",
        description: "Systemd service name that manages the container",
      }),

      login: {
        username: mkOption({
          type: types.nullOr(types.str),
          default: null,
          description: "Username for login.",
        }),

        passwordFile: mkOption({
          type: types.nullOr(shellWordType),
          default: null,
          description: "Path to file containing password.",
          example: "/etc/nixos/dockerhub-password.txt",
        }),

        registry: mkOption({
          type: types.nullOr(shellWordType),
          default: null,
          description: "Registry where to login to.",
          example: "https://docker.pkg.github.com",
        }),
      },

      cmd: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: "Commandline arguments to pass to the image's entrypoint.",
        example: ["--port=9000"],
      }),

      labels: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        description: "Labels to attach to the container at runtime.",
        example: { "traefik.https.routers.example.rule": "Host(`example.container`)" },
      }),

      entrypoint: mkOption({
        type: types.nullOr(types.str),
        description: "Override the default entrypoint of the image.",
        default: null,
        example: "/bin/my-app",
      }),

      environment: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        description: "Environment variables to set for this container.",
        example: { DATABASE_HOST: "db.example.com", DATABASE_PORT: "3306" },
      }),

      environmentFiles: mkOption({
        type: types.listOf(types.path),
        default: [],
        description: "Environment files for this container.",
        example: ["/path/to/.env", "/path/to/.env.secret"],
      }),

      "log-driver": mkOption({
        type: shellWordType,
        default: "journald",
        description: `Logging driver for the container.  The default of
\`"journald"\` means that the container's logs will be
handled as part of the systemd unit.

For more details and a full list of logging drivers, refer to respective backends documentation.

For Docker:
[Docker engine documentation](https://docs.docker.com/engine/logging/configure/)

For Podman:
Refer to the {manpage}\`docker-run(1)\` man page.
`,
      }),

      ports: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: `Network ports to publish from the container to the outer host.

Valid formats:
- \`<ip>:<hostPort>:<containerPort>\`
- \`<ip>::<containerPort>\`
- \`<hostPort>:<containerPort>\`
- \`<containerPort>\`

Both \`hostPort\` and \`containerPort\` can be specified as a range of
ports.  When specifying ranges for both, the number of container
ports in the range must match the number of host ports in the
range.  Example: \`1234-1236:1234-1236/tcp\`

When specifying a range for \`hostPort\` only, the \`containerPort\`
must *not* be a range.  In this case, the container port is published
somewhere within the specified \`hostPort\` range.
Example: \`1234-1236:1234/tcp\`

Publishing a port bypasses the NixOS firewall. If the port is not
supposed to be shared on the network, make sure to publish the
port to localhost.
Example: \`127.0.0.1:1234:1234\`

Refer to the
[Docker engine documentation](https://docs.docker.com/engine/network/#published-ports) for full details.
`,
        example: ["127.0.0.1:8080:9000"],
      }),

      user: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: `Override the username or UID (and optionally groupname or GID) used
in the container.
`,
        example: "nobody:nogroup",
      }),

      volumes: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: `List of volumes to attach to this container.

Note that this is a list of \`"src:dst"\` strings to
allow for \`src\` to refer to \`/nix/store\` paths, which
would be difficult with an attribute set.  There are
also a variety of mount options available as a third
field; please refer to the
[docker engine documentation](https://docs.docker.com/engine/storage/volumes/) for details.
`,
        example: ["volume_name:/path/inside/container", "/path/on/host:/path/inside/container"],
      }),

      workdir: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "Override the default working directory for the container.",
        example: "/var/lib/hello_world",
      }),

      dependsOn: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: `Define which other containers this one depends on. They will be added to both After and Requires for the unit.

Use the same name as the attribute under \`virtualisation.oci-containers.containers\`.
`,
        example: literalExpression(`virtualisation.oci-containers.containers = {
  node1 = {};
  node2.dependsOn = [ "node1" ];
};
`),
      }),

      hostname: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "The hostname of the container.",
        example: "hello-world",
      }),

      preRunExtraOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        get description() {
          return `Extra options for {command}\`${defaultBackend()}\` that go before the \`run\` argument.`;
        },
        example: ["--runtime", "runsc"],
      }),

      extraOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        get description() {
          return `Extra options for {command}\`${defaultBackend()} run\`.`;
        },
        example: ["--network=host"],
      }),

      autoStart: mkOption({
        type: types.bool,
        default: true,
        description: `When enabled, the container is automatically started on boot.
If this option is set to false, the container has to be started on-demand via its service.
`,
      }),

      podman: mkOption({
        type: types.nullOr(
          types.submodule({
            options: {
              sdnotify: mkOption({
                default: "conmon",
                type: types.enum(["conmon", "healthy", "container"]),
                description: `Determines how \`podman\` should notify systemd that the unit is ready. There are
[three options](https://docs.podman.io/en/latest/markdown/podman-run.1.html#sdnotify-container-conmon-healthy-ignore):

* \`conmon\`: marks the unit as ready when the container has started.
* \`healthy\`: marks the unit as ready when the [container's healthcheck](https://docs.podman.io/en/stable/markdown/podman-healthcheck-run.1.html) passes.
* \`container\`: \`NOTIFY_SOCKET\` is passed into the container and the process inside the container needs to indicate on its own that it's ready.
`,
              }),
              user: mkOption({
                default: "root",
                // (Hardening: NixOS has `str`; the name goes into the unit's `User=`, where a
                // newline would start a directive of its own. A user's name has neither.)
                type: types.passwdEntry(types.str),
                description: "The user under which the container should run.\n",
              }),
            },
          }),
        ),
        default: null,
        description: `Podman-specific settings in OCI containers. These must be null when using
the \`docker\` backend.
`,
      }),

      pull: mkOption({
        type: types.enum(["always", "missing", "never", "newer"]),
        default: "missing",
        description: "Image pull policy for the container. Must be one of: always, missing, never, newer\n",
      }),

      capabilities: mkOption({
        type: types.lazyAttrsOf(types.nullOr(types.bool)),
        default: {},
        description: `Capabilities to configure for the container.
When set to true, capability is added to the container.
When set to false, capability is dropped from the container.
When null, default runtime settings apply.
`,
        example: { SYS_ADMIN: true, SYS_WRITE: false },
      }),

      devices: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: "List of devices to attach to this container.\n",
        example: ["/dev/dri:/dev/dri"],
      }),

      privileged: mkOption({
        type: types.bool,
        default: false,
        description: "Give extended privileges to the container\n",
      }),

      autoRemoveOnStop: mkOption({
        type: types.bool,
        default: true,
        description: "Automatically remove the container when it is stopped or killed\n",
      }),

      networks: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: "Networks to attach the container to\n",
      }),
    },
  });

  const isValidLogin = (login: Container["login"]): boolean =>
    login.username !== null && login.passwordFile !== null && login.registry !== null;

  const mkService = (name: string, container: Container): Attrs => {
    const backend = (): string => cfg().backend;
    const dependsOn = thunk((): string[] =>
      mapAttrsToList(
        (_k, v: Container) => `${v.serviceName}.service`,
        getAttrs(container.dependsOn, cfg().containers as Attrs),
      ),
    );
    const escapedName = escapeShellArg(name);
    // The module's '' string, line for line: each optional part ends with its own newline.
    const preStartScript = thunk(() => {
      const login = container.login;
      return pkgs().writeShellApplication({
        name: "pre-start",
        runtimeInputs: [],
        // (`cond ? text : ""` is optionalString with its text evaluated only when needed, as in Nix.)
        text: `${backend()} rm -f ${name} || true
${
  isValidLogin(login)
    ? `# try logging in, if it fails, check if image exists locally
${backend()} login \\
${login.registry} \\
--username ${escapeShellArg(login.username)} \\
--password-stdin < ${login.passwordFile} \\
|| ${backend()} image inspect ${container.image} >/dev/null \\
|| { echo "image doesn't exist locally and login failed" >&2 ; exit 1; }
`
    : ""
}
${container.imageFile !== null ? `${backend()} load -i ${interpolate(container.imageFile)}\n` : ""}
${container.imageStream !== null ? `${interpolate(container.imageStream)} | ${backend()} load\n` : ""}
${backend() === "podman" ? `rm -f /run/${escapedName}/ctr-id\n` : ""}
`,
      });
    });

    // `container.podman.user or "root"`: null has no attributes.
    const effectiveUser = (): string => container.podman?.user ?? "root";
    const uid = thunk(() => userAccount(effectiveUser(), UID_AT).uid as number | null);
    const dependOnLingerService = (): boolean =>
      backend() === "podman" &&
      effectiveUser() !== "root" &&
      (userAccount(effectiveUser(), LINGER_SERVICE_AT).linger as boolean);
    const needsNetwork = (): boolean => container.imageFile === null && container.imageStream === null;
    const healthyRootless = (): boolean =>
      effectiveUser() !== "root" && podmanOf(container).sdnotify === "healthy";

    return {
      get wantedBy() {
        return [...optional(container.autoStart, "multi-user.target")];
      },
      get wants() {
        return [
          ...optional(needsNetwork(), "network-online.target"),
          ...optionals(dependOnLingerService(), ["linger-users.service"]),
        ];
      },
      get after() {
        return [
          ...optionals(backend() === "docker", ["docker.service", "docker.socket"]),
          // if imageFile or imageStream is not set, the service needs the network to download the image from the registry
          ...optionals(needsNetwork(), ["network-online.target"]),
          ...dependsOn(),
          ...optionals(dependOnLingerService(), ["linger-users.service"]),
          ...optionals(healthyRootless(), [`user@${nixToString(uid())}.service`]),
        ];
      },
      get requires() {
        return [...dependsOn(), ...optionals(healthyRootless(), [`user@${nixToString(uid())}.service`])];
      },
      get environment() {
        return mkMerge([
          proxyEnv(),
          mkIf(() => backend() === "podman" && podmanOf(container).user !== "root", {
            get HOME() {
              return userAccount(podmanOf(container).user, HOME_AT).home;
            },
          }),
        ]);
      },
      get path() {
        return backend() === "docker"
          ? [config.virtualisation.docker.package]
          : backend() === "podman"
            ? [config.virtualisation.podman.package]
            : throwError(`Unhandled backend: ${backend()}`);
      },
      get script() {
        return concatStringsSep(" \\\n  ", [
          `exec ${backend()} `,
          ...container.preRunExtraOptions.map(escapeShellArg),
          "run",
          `--name=${escapedName}`,
          `--log-driver=${container["log-driver"]}`,
          ...optional(container.entrypoint !== null, `--entrypoint=${escapeShellArg(container.entrypoint)}`),
          ...optional(container.hostname !== null, `--hostname=${escapeShellArg(container.hostname)}`),
          // (`optionals` with its list made only when the backend is podman, as in Nix.)
          ...(backend() === "podman"
            ? [
                `--cidfile=/run/${escapedName}/ctr-id`,
                "--cgroups=enabled",
                `--sdnotify=${podmanOf(container).sdnotify}`,
                "-d",
                "--replace",
              ]
            : []),
          ...mapAttrsToList((k, v) => `-e ${escapeShellArg(k)}=${escapeShellArg(v)}`, container.environment),
          ...container.environmentFiles.map((f) => `--env-file ${escapeShellArg(f)}`),
          ...container.ports.map((p) => `-p ${escapeShellArg(p)}`),
          ...optional(container.user !== null, `-u ${escapeShellArg(container.user)}`),
          ...container.volumes.map((v) => `-v ${escapeShellArg(v)}`),
          ...mapAttrsToList((k, v) => `-l ${escapeShellArg(k)}=${escapeShellArg(v)}`, container.labels),
          ...optional(container.workdir !== null, `-w ${escapeShellArg(container.workdir)}`),
          ...optional(container.privileged, "--privileged"),
          ...optional(container.autoRemoveOnStop, "--rm"),
          ...mapAttrsToList(
            (k) => `--cap-add=${escapeShellArg(k)}`,
            filterAttrs((_, v) => v === true, container.capabilities),
          ),
          ...mapAttrsToList(
            (k) => `--cap-drop=${escapeShellArg(k)}`,
            filterAttrs((_, v) => v === false, container.capabilities),
          ),
          ...container.devices.map((d) => `--device=${escapeShellArg(d)}`),
          ...unique(container.networks).map((n) => `--network=${escapeShellArg(n)}`),
          `--pull ${escapeShellArg(container.pull)}`,
          ...container.extraOptions.map(escapeShellArg),
          container.image,
          ...container.cmd.map(escapeShellArg),
        ]);
      },
      get preStop() {
        return backend() === "podman"
          ? `podman stop --ignore --cidfile=/run/${escapedName}/ctr-id`
          : `${backend()} stop ${name} || true`;
      },
      get postStop() {
        return backend() === "podman"
          ? `podman rm -f --ignore --cidfile=/run/${escapedName}/ctr-id`
          : `${backend()} rm -f ${name} || true`;
      },
      unitConfig: mkIf(() => effectiveUser() !== "root", {
        get RequiresMountsFor() {
          return `/run/user/${nixToString(uid())}/containers`;
        },
      }),
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
            Environment: "PODMAN_SYSTEMD_UNIT=%n",
            Type: "notify",
            NotifyAccess: "all",
            Delegate: mkIf(() => podmanOf(container).sdnotify === "healthy", true),
            User: effectiveUser(),
            RuntimeDirectory: escapedName,
          }),
        };
      },
    };
  };

  /** The module's three assertions for one container, each part read when asked for. */
  const toAssertions = (name: string, container: Container): Attrs[] => [
    {
      get assertion() {
        return container.imageFile === null || container.imageStream === null;
      },
      message: `virtualisation.oci-containers.containers.${name}: You can only define one of imageFile and imageStream`,
    },
    {
      get assertion() {
        return cfg().backend !== "docker" || container.podman === null;
      },
      message: `virtualisation.oci-containers.containers.${name}: Cannot set \`podman\` option if backend is \`docker\`.`,
    },
    {
      get assertion() {
        const podman = (): NonNullable<Container["podman"]> => podmanOf(container);
        return (
          !(cfg().backend === "podman" && podman().sdnotify === "healthy" && podman().user !== "root") ||
          userAccount(podman().user, ASSERTION_UID_AT).uid !== null
        );
      },
      get message() {
        const user = podmanOf(container).user;
        return `Rootless container ${name} (with podman and sdnotify=healthy)
requires that its running user ${user} has a statically specified uid.
`;
      },
    },
  ];

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
            description: "The underlying Docker implementation to use.",
          }),

          containers: mkOption({
            default: {},
            type: attrsWithNames(containerNameType, types.attrsOf(types.submodule(containerOptions))),
            description: "OCI (Docker) containers to run as systemd services.",
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
                (n, v: Container) => nameValuePair(v.serviceName, mkService(n, v)),
                cfg().containers as Attrs,
              );
            },
          },

          get assertions() {
            const containers = cfg().containers as Attrs;
            return attrNames(containers).flatMap((name) => toAssertions(name, containers[name] as Container));
          },

          get warnings() {
            return mkIf(
              () => cfg().backend === "podman",
              new Lazy(() =>
                foldlAttrs(
                  (warnings: string[], name: string, container: Container) => {
                    const podman = podmanOf(container);
                    const linger = (): boolean =>
                      userAccount(podman.user, WARNING_LINGER_AT).linger as boolean;
                    return [
                      ...warnings,
                      ...optional(
                        podman.user !== "root" && linger() && podman.sdnotify === "conmon",
                        `Podman container ${name} is configured as rootless (user ${podman.user})
with \`--sdnotify=conmon\`, but lingering for this user is turned on.
`,
                      ),
                      ...optional(
                        podman.user !== "root" && !linger() && podman.sdnotify === "healthy",
                        `Podman container ${name} is configured as rootless (user ${podman.user})
with \`--sdnotify=healthy\`, but lingering for this user is turned off.
`,
                      ),
                    ];
                  },
                  [],
                  cfg().containers as Attrs,
                ),
              ),
            );
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
