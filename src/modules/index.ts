/**
 * The bundled modules: a small NixOS base (what the oci-containers module needs) and
 * the oci-containers module itself.
 */
import { assertionsModule } from "./misc/assertions.js";
import { versionModule } from "./misc/version.js";
import { networkingModule } from "./config/networking.js";
import { dockerModule } from "./virtualisation/docker.js";
import { podmanModule } from "./virtualisation/podman.js";
import { systemdModule } from "./system/boot/systemd.js";
import { usersModule } from "./config/users-groups.js";
import { defaultRevisionName, revisions } from "./revisions.js";
import type { ModuleArgs } from "../lib/module-types.js";
import type { Knowing } from "../lib/typed.js";
import type { NixosOptions } from "./typed.js";

export { makePkgs, storePath, storeHash, type Pkgs, type Derivation, type BuiltScript } from "./pkgs.js";
export {
  attrsToSection,
  serviceToUnit,
  serviceUnitText,
  makeJobScript,
  toOption,
  unitOption,
  makeServiceModule,
} from "./system/boot/systemd.js";

/** The oci-containers module of the default revision (2025-06; file `oci-containers.nix`). */
export const ociContainers = revisions[defaultRevisionName].ociContainers;
export const ociContainersModule = ociContainers;

/**
 * The base then the oci-containers module of the default revision (2025-06): the module list
 * an evaluation starts with. `revisions[name].modules` is the list of another revision.
 */
export const defaultModules = revisions[defaultRevisionName].modules as readonly NixosModule[];

/**
 * One of the bundled modules: a module function that carries the NixOS options for the type
 * checker, so that `evalModules({ modules: [...defaultModules, host] })` types its config
 * (ConfigOfModules) when `host` is typed too.
 */
export type NixosModule = ((args: ModuleArgs) => unknown) & Knowing<NixosOptions>;

export { combineModules, nixosBase, nixosBaseParts } from "./nixos-base.js";
export {
  defaultRevisionName,
  isRevisionName,
  revisionInForce,
  revisionNamed,
  revisionNames,
  revisions,
  useRevision,
  type Revision,
  type RevisionName,
} from "./revisions.js";
export { ociContainersModule as ociContainersModule2023 } from "./virtualisation/oci-containers/2023-07.js";

export {
  assertionsModule,
  versionModule,
  networkingModule,
  dockerModule,
  podmanModule,
  systemdModule,
  usersModule,
};

export {
  defineNixosModule,
  defineNixosModule2023,
  type NixosOptions,
  type NixosOptions2023,
  type NixosConfig,
  type NixosConfig2023,
  type NixosDefinition,
  type NixosDefinition2023,
  type OciContainerConfig,
  type SystemdServiceConfig,
} from "./typed.js";
