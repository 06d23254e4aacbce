// Put a hook FIRST in a container's ExecStartPre, before the module's pre-start script:
// mkBefore is order priority 500, which sorts before the module's 1000.
// `npx nixmod eval examples/overrides/prepend-execstartpre-mkbefore.ts`
import { mkBefore } from "nixmod";
import { defineNixosModule } from "nixmod/modules";
import host from "../host.js";

export default defineNixosModule({
  _file: "examples/overrides/prepend-execstartpre-mkbefore.ts",
  imports: [host],
  config: {
    systemd: {
      services: {
        "podman-db": {
          serviceConfig: {
            // The volume's directory must exist before the container is (re)created.
            ExecStartPre: mkBefore(["/run/current-system/sw/bin/install -d -m 0700 /var/lib/shop-db"]),
          },
        },
      },
    },
  },
});
