/**
 * `users.users.<name>`: the accounts of the system, cut down from NixOS's users-groups.nix to
 * what the oci-containers module of 2025-06 reads (a rootless container's user: its uid, home
 * and lingering) and what decides it: a normal user's home under /home. `root` and `nobody`
 * are defined as NixOS defines them (plain definitions: uid 0 and 65534).
 */
import type { ModuleArgs } from "../../lib/module-types.js";
import { mkOption } from "../../lib/options.js";
import { mkDefault, mkIf, mkMerge } from "../../lib/properties.js";
import { types } from "../../types/index.js";

type Attrs = Record<string, any>;

/** The options of one account. They depend on nothing, so they are declared once for all. */
const userOptions = {
  name: mkOption({
    type: types.passwdEntry(types.str),
    description: "The name of the user account. If undefined, the name of the attribute set will be used.",
  }),
  uid: mkOption({
    type: types.nullOr(types.int),
    default: null,
    description: "The account UID. If the UID is null, a free UID is picked on activation.",
  }),
  isSystemUser: mkOption({
    type: types.bool,
    default: false,
    description: "Whether this is a system user (a uid below 1000, no home of its own).",
  }),
  isNormalUser: mkOption({
    type: types.bool,
    default: false,
    description:
      "Whether this is an account for a real user: its home is `/home/<name>` and its group `users`.",
  }),
  group: mkOption({ type: types.str, default: "", description: "The user's primary group." }),
  home: mkOption({
    type: types.passwdEntry(types.path),
    default: "/var/empty",
    description: "The user's home directory.",
  }),
  linger: mkOption({
    type: types.bool,
    default: false,
    description:
      "Whether the user's systemd units start at boot rather than at login, and keep running after the user logs out.",
  }),
};

/** One account (the `users.users.<name>` submodule). */
const userModule = (args: ModuleArgs) => {
  const c = args.config as Attrs;
  return {
    options: userOptions,
    config: mkMerge([
      { name: mkDefault(args.name) },
      mkIf(() => c.isNormalUser as boolean, {
        group: mkDefault("users"),
        get home() {
          return mkDefault(`/home/${c.name as string}`);
        },
        isSystemUser: mkDefault(false),
      }),
    ]),
  };
};

export const usersModule = {
  options: {
    users: {
      users: mkOption({
        default: {},
        type: types.attrsOf(types.submodule(userModule)),
        description: "User accounts.",
      }),
    },
  },
  config: {
    users: {
      users: {
        root: { uid: 0, home: "/root", group: "root" },
        nobody: { uid: 65534, isSystemUser: true, group: "nogroup" },
      },
    },
  },
};

export default usersModule;
