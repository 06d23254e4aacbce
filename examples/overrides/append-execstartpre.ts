// Append a hook to a container's ExecStartPre: it runs after the oci-containers module's own
// pre-start script (which removes a stale container, logs in to the registry and loads the
// image), which stays as it is. `npx nixmod eval examples/overrides/append-execstartpre.ts`
//
// mkAfter (order priority 1500) puts the hook after the module's entry (priority 1000)
// whatever the order of the modules; a plain list would be placed by module order.
import { mkAfter } from "nixmod";
import { defineNixosModule } from "nixmod/modules";
import host from "../host.js";

export default defineNixosModule({
  _file: "examples/overrides/append-execstartpre.ts",
  imports: [host],
  config: {
    systemd: {
      services: {
        "podman-proxy": {
          serviceConfig: {
            ExecStartPre: mkAfter([
              "/run/current-system/sw/bin/caddy validate --config /etc/caddy/Caddyfile",
            ]),
          },
        },
      },
    },
  },
});
