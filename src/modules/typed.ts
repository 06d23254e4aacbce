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
import type { usersModule } from "./config/users-groups.js";
import type { ociContainersModule as ociContainers2023 } from "./virtualisation/oci-containers/2023-07.js";
import type { ociContainersModule as ociContainers2025 } from "./virtualisation/oci-containers/2025-06.js";
import type { Pkgs } from "./pkgs.js";

/** The options of the NixOS base and an oci-containers module (`Oci`: its option tree). */
type NixosOptionsWith<Oci extends { virtualisation: object }> = Simplify<
  OptionsOf<typeof versionModule> &
    OptionsOf<typeof networkingModule> &
    OptionsOf<typeof systemdModule> &
    OptionsOf<typeof usersModule> &
    OptionsOf<typeof assertionsModule> & {
      virtualisation: Simplify<
        OptionsOf<typeof dockerModule>["virtualisation"] &
          OptionsOf<typeof podmanModule>["virtualisation"] &
          Oci["virtualisation"]
      >;
    }
>;

/** The option declarations of the NixOS base and the oci-containers module of revision 2025-06 (the default). */
export type NixosOptions = NixosOptionsWith<OptionsOf<typeof ociContainers2025>>;
/** The option declarations of the NixOS base and the oci-containers module of revision 2023-07 (the seed). */
export type NixosOptions2023 = NixosOptionsWith<OptionsOf<typeof ociContainers2023>>;

/** `config` of a NixOS evaluation with the bundled modules. */
export type NixosConfig = ConfigOf<NixosOptions>;
/** What a module may define against the NixOS options. */
export type NixosDefinition = DefinitionOf<NixosOptions>;
/** `config` of a NixOS evaluation of revision 2023-07 (the seed). */
export type NixosConfig2023 = ConfigOf<NixosOptions2023>;
/** What a module may define against the NixOS options of revision 2023-07. */
export type NixosDefinition2023 = DefinitionOf<NixosOptions2023>;
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

/** `defineNixosModule` for revision 2023-07 (the seed), whose containers have fewer options. */
export const defineNixosModule2023 = defineModule<NixosOptions2023, { pkgs: Pkgs }>();
