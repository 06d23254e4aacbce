// Migrating a `docker-containers` configuration (examples/legacy/docker-containers.json)
// to `virtualisation.oci-containers`. The old option still works, through
// mkChangedOptionModule, with a warning; this is the same host written the new way:
//
//   - `docker-containers.<name>`          -> `virtualisation.oci-containers.containers.<name>`
//   - `extraDockerOptions`                -> `extraOptions`
//   - the old option meant Docker         -> `backend = "docker"` (the new default is podman
//                                            from system.stateVersion 22.05 on)
//
// Evaluating this file and the legacy one gives the same systemd.services (test/examples).
// `npx nixmod eval examples/overrides/migrate-docker-containers.ts`
import { defineNixosModule } from "nixmod/modules";

export default defineNixosModule({
  _file: "examples/overrides/migrate-docker-containers.ts",
  config: {
    virtualisation: {
      "oci-containers": {
        backend: "docker",
        containers: {
          registry: {
            image: "docker.io/library/registry:2",
            ports: ["5000:5000"],
            volumes: ["registry-data:/var/lib/registry"],
            extraOptions: ["--restart-condition=none"],
          },
        },
      },
    },
  },
});
