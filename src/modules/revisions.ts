/**
 * The revisions of NixOS that nixmod reproduces: each is the small NixOS base with the
 * oci-containers module of its time, evaluated with the nixpkgs lib of its time. A revision
 * is checked against real Nix by the conformance cases of its own (test/conformance).
 *
 * A third revision is an addition: its module file beside the others
 * (src/modules/virtualisation/oci-containers/<name>.ts), its lib revision if nixpkgs lib
 * changed in a way that shows (src/lib/lib-revision.ts), and an entry here.
 */
import { activeLibRevision, setLibRevision, type LibRevision } from "../lib/lib-revision.js";
import type { Module } from "../lib/module-types.js";
import { nixosBase } from "./nixos-base.js";
import { ociContainersModule as ociContainers2023 } from "./virtualisation/oci-containers/2023-07.js";
import { ociContainersModule as ociContainers2025 } from "./virtualisation/oci-containers/2025-06.js";

/** The names of the revisions, oldest first: the month of each one's nixpkgs commit. */
export const revisionNames = ["2023-07", "2025-06"] as const;

export type RevisionName = (typeof revisionNames)[number];

export interface Revision {
  /** Its name, the month of the nixpkgs commit: `2023-07`. */
  readonly name: RevisionName;
  /** The nixpkgs commit its oci-containers module is taken from. */
  readonly nixpkgs: string;
  /** What it is, in a line. */
  readonly about: string;
  /** The nixpkgs lib it is evaluated with. */
  readonly lib: LibRevision;
  /** Its oci-containers module. */
  readonly ociContainers: Module;
  /** The module list an evaluation of it starts with: the NixOS base, then oci-containers. */
  readonly modules: readonly Module[];
}

const revision = (r: Omit<Revision, "modules">): Revision => ({ ...r, modules: [nixosBase, r.ociContainers] });

/** Every revision, oldest first. */
export const revisions = {
  "2023-07": revision({
    name: "2023-07",
    nixpkgs: "b7fd022677",
    about: "the seed: NixOS of July 2023 (pre-start script in ExecStartPre, docker-containers migration)",
    lib: "2023-07",
    ociContainers: ociContainers2023,
  }),
  "2025-06": revision({
    name: "2025-06",
    nixpkgs: "035a24e7ed33",
    about:
      "NixOS of mid-2025: rootless podman, labels, networks, pull policies, capabilities, assertions and warnings",
    lib: "2025-06",
    ociContainers: ociContainers2025,
  }),
} as const satisfies Record<RevisionName, Revision>;

/** The revision the command and the library use unless told otherwise: the newest. */
export const defaultRevisionName: RevisionName = "2025-06";

/** Is `s` the name of a revision? */
export const isRevisionName = (s: unknown): s is RevisionName =>
  typeof s === "string" && Object.prototype.hasOwnProperty.call(revisions, s);

/** The revision named `name`, or an error listing those there are. */
export function revisionNamed(name: string): Revision {
  if (!isRevisionName(name)) {
    throw new Error(`unknown revision \`${name}' (known: ${revisionNames.join(", ")})`);
  }
  return revisions[name];
}

/**
 * Put a revision's lib in force for the process (see src/lib/lib-revision.ts): the engine's
 * messages and `lib.escapeShellArg` as modules get it then follow that revision. Returns the
 * lib revision it replaces.
 */
export function useRevision(name: RevisionName): LibRevision {
  return setLibRevision(revisionNamed(name).lib);
}

/** The revision whose lib is in force (the default revision if another lib is). */
export function revisionInForce(): Revision {
  const lib = activeLibRevision();
  return Object.values(revisions).find((r) => r.lib === lib) ?? revisions[defaultRevisionName];
}
