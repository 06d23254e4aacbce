// Change a value the oci-containers module sets: the module says `Restart = "always"`; two
// plain definitions of a single value conflict, so the override says mkForce (priority 50,
// and the lower number wins over the module's plain 100).
// `npx nixmod eval examples/overrides/force-restart.ts`
import { mkForce } from "nixmod";
import { defineNixosModule } from "nixmod/modules";
import host from "../host.js";

export default defineNixosModule({
  _file: "examples/overrides/force-restart.ts",
  imports: [host],
  config: {
    systemd: {
      services: {
        "podman-app": {
          serviceConfig: {
            Restart: mkForce("on-failure"),
            // Not set by the module: a plain definition is enough.
            RestartSec: 5,
          },
        },
      },
    },
  },
});
