/** `virtualisation.docker.{enable,package}`. */
import type { ModuleArgs } from "../../lib/module-types.js";
import { literalExpression, mkOption } from "../../lib/options.js";
import { types } from "../../types/index.js";
import type { Pkgs } from "../pkgs.js";

export const dockerModule = (args: ModuleArgs) => ({
  options: {
    virtualisation: {
      docker: {
        enable: mkOption({ type: types.bool, default: false, description: "Whether to enable Docker." }),
        package: mkOption({
          type: types.package,
          get default() {
            return (args.pkgs as Pkgs).docker;
          },
          defaultText: literalExpression("pkgs.docker"),
          description: "The Docker package.",
        }),
      },
    },
  },
});

export default dockerModule;
