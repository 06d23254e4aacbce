// Add a `preStart` script to a container's service. The NixOS systemd module turns
// `preStart` into its own ExecStartPre entry (a `unit-script-<name>-pre-start` script), next to the
// oci-containers module's pre-start: both run, neither replaces the other.
// `npx nixmod eval examples/overrides/prestart-alongside.ts`
import { defineNixosModule } from "nixmod/modules";
import host from "../host.js";

export default defineNixosModule({
  _file: "examples/overrides/prestart-alongside.ts",
  imports: [host],
  config: {
    systemd: {
      services: {
        "podman-app": {
          preStart: ["mkdir -p /var/lib/shop/uploads", "chown 1000:1000 /var/lib/shop/uploads"].join("\n"),
        },
      },
    },
  },
});
