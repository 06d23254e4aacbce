// The override this project exists for: add a step before the application starts,
// next to the oci-containers module's own pre-start script instead of replacing it.
import { mkAfter } from "nixmod";

export default {
  _file: "examples/hooks.ts",
  systemd: {
    services: {
      "podman-app": {
        serviceConfig: {
          // Runs after the module's pre-start (which loads the image and logs in).
          ExecStartPre: mkAfter(["/run/current-system/sw/bin/shop-migrate --wait-for db"]),
        },
      },
    },
  },
};
