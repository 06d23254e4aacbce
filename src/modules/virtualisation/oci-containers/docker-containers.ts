/**
 * `docker-containers`, the option oci-containers replaced (NixOS 20.09): a module that maps
 * an old definition onto `virtualisation.oci-containers` (`extraDockerOptions` becoming
 * `extraOptions`, the backend docker) with a warning naming its files. Both revisions of the
 * module import it as it stands.
 */
import { isAttrs } from "../../../lib/attrs-lazy.js";
import { throwError } from "../../../lib/errors.js";
import { describeType } from "../../../lib/nix/attrsets.js";
import { showOption } from "../../../lib/options.js";
import { mkChangedOptionModule } from "../../../lib/renames.js";
import { mapAttrs } from "../../support.js";

type Attrs = Record<string, any>;

export const dockerContainersMigration = mkChangedOptionModule(
  ["docker-containers"],
  ["virtualisation", "oci-containers"],
  (oldcfg: Attrs) => ({
    backend: "docker",
    get containers() {
      return mapAttrs((n: string, v: Attrs) => {
        // `v // { ... }` needs a set (Nix's error, with where it happened).
        if (!isAttrs(v)) {
          throwError(
            `value is ${describeType(v)} while a set was expected, in \`${showOption(["docker-containers", n])}'`,
          );
        }
        const { extraDockerOptions, ...rest } = v;
        // `v.extraDockerOptions or []`: only a missing attribute defaults.
        const has = Object.prototype.propertyIsEnumerable.call(v, "extraDockerOptions");
        return { ...rest, extraOptions: has ? extraDockerOptions : [] };
      }, oldcfg["docker-containers"] as Attrs);
    },
  }),
);
