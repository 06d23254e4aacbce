/** `virtualisation.podman.{enable,package}`. */
import type { ModuleArgs } from "../../lib/module-types.js";
import { literalExpression, mkOption } from "../../lib/options.js";
import { types } from "../../types/index.js";
import type { Pkgs } from "../pkgs.js";

export const podmanModule = (args: ModuleArgs) => ({
  options: {
    virtualisation: {
      podman: {
        enable: mkOption({ type: types.bool, default: false, description: "Whether to enable Podman." }),
        package: mkOption({
          type: types.package,
          get default() {
            return (args.pkgs as Pkgs).podman;
          },
          defaultText: literalExpression("pkgs.podman"),
          description: "The Podman package.",
        }),
      },
    },
  },
});

export default podmanModule;
