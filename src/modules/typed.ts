/**
 * The NixOS option tree of the bundled modules as a type, inferred from their declarations:
 * `NixosConfig["virtualisation"]["oci-containers"]["containers"][string]["image"]` is `string`.
 * `defineNixosModule` writes a module checked against it (see src/lib/typed.ts).
 */
import {
  defineModule,
  type ConfigOf,
  type DefinitionOf,
  type OptionsOf,
  type Simplify,
} from "../lib/typed.js";
import type { assertionsModule } from "./misc/assertions.js";
import type { versionModule } from "./misc/version.js";
import type { networkingModule } from "./config/networking.js";
import type { dockerModule } from "./virtualisation/docker.js";
import type { podmanModule } from "./virtualisation/podman.js";
import type { systemdModule } from "./system/boot/systemd.js";
import type { ociContainersModule } from "./virtualisation/oci-containers.js";
import type { Pkgs } from "./pkgs.js";

type Virtualisation = Simplify<
  OptionsOf<typeof dockerModule>["virtualisation"] &
    OptionsOf<typeof podmanModule>["virtualisation"] &
    OptionsOf<typeof ociContainersModule>["virtualisation"]
>;

/** The option declarations of the NixOS base and the oci-containers module. */
export type NixosOptions = Simplify<
  OptionsOf<typeof versionModule> &
    OptionsOf<typeof networkingModule> &
    OptionsOf<typeof systemdModule> &
    OptionsOf<typeof assertionsModule> & { virtualisation: Virtualisation }
>;

/** `config` of a NixOS evaluation with the bundled modules. */
export type NixosConfig = ConfigOf<NixosOptions>;
/** What a module may define against the NixOS options. */
export type NixosDefinition = DefinitionOf<NixosOptions>;
/** The config of one `virtualisation.oci-containers.containers.<name>`. */
export type OciContainerConfig = NixosConfig["virtualisation"]["oci-containers"]["containers"][string];
/** The config of one `systemd.services.<name>`. */
export type SystemdServiceConfig = NixosConfig["systemd"]["services"][string];

/**
 * A module checked against the NixOS options (plus any it declares itself):
 *
 * ```ts
 * export default defineNixosModule({
 *   config: { virtualisation: { "oci-containers": { containers: { web: { image: "nginx:1.25" } } } } },
 * });
 * ```
 */
export const defineNixosModule = defineModule<NixosOptions, { pkgs: Pkgs }>();
