/**
 * The small NixOS base that the oci-containers module needs (system.stateVersion,
 * networking.proxy, docker and podman, systemd services and units, users, warnings and
 * assertions), as one module like the reference's `nixos-base.nix`. Both revisions of the
 * oci-containers module are evaluated with it.
 */
import type { ModuleArgs } from "../lib/module-types.js";
import { isOption } from "../lib/options.js";
import { mkMerge } from "../lib/properties.js";
import { assertionsModule } from "./misc/assertions.js";
import { versionModule } from "./misc/version.js";
import { networkingModule } from "./config/networking.js";
import { usersModule } from "./config/users-groups.js";
import { dockerModule } from "./virtualisation/docker.js";
import { podmanModule } from "./virtualisation/podman.js";
import { systemdModule } from "./system/boot/systemd.js";

type Part = ((args: ModuleArgs) => unknown) | { options?: unknown; config?: unknown };

const isPlainTree = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !isOption(v);

/** Merge option declaration trees (disjoint options under shared prefixes), keeping getters lazy. */
function mergeOptionTrees(trees: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const tree of trees) {
    if (tree === undefined) continue;
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(tree as object))) {
      if (!d.enumerable) continue;
      const mine = Object.getOwnPropertyDescriptor(out, name);
      if (mine && !d.get && !mine.get && isPlainTree(mine.value) && isPlainTree(d.value)) {
        out[name] = mergeOptionTrees([mine.value, d.value]);
      } else if (mine) {
        throw new Error(`nixmod: two parts of one module declare \`${name}'`);
      } else Object.defineProperty(out, name, d);
    }
  }
  return out;
}

/**
 * One module made of parts: their options merged into one tree, their configs into one
 * mkMerge. The parts share the module's file and key, as if they were written in one file.
 */
export function combineModules(file: string, key: string, parts: readonly Part[]) {
  return (args: ModuleArgs) => {
    const results = parts.map(
      (p) => (typeof p === "function" ? p(args) : p) as { options?: unknown; config?: unknown },
    );
    return {
      _file: file,
      key,
      options: mergeOptionTrees(results.map((r) => r.options)),
      config: mkMerge(results.filter((r) => r.config !== undefined).map((r) => r.config)),
    };
  };
}

/** The parts of the base, in the order of the reference base. */
export const nixosBaseParts: readonly Part[] = [
  versionModule,
  networkingModule,
  dockerModule,
  podmanModule,
  systemdModule,
  usersModule,
  assertionsModule,
];

/**
 * The NixOS base as ONE module (file `nixos-base.nix`), like the reference: importing its
 * parts as separate modules would put them elsewhere in the module order.
 */
export const nixosBase = combineModules("nixos-base.nix", "nixmod:modules/nixos-base.nix", nixosBaseParts);

