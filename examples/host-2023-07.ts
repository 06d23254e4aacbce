// The example host as NixOS of July 2023 (the seed, revision 2023-07) could have it:
// `npx nixmod eval --revision 2023-07 examples/host-2023-07.ts`. Building it fails as NixOS
// did then (the registry login's pre-start fails shellcheck); see examples/host.ts for today's.
// A small web stack on podman, evaluated with the NixOS base and the oci-containers module of 2023.
import hooks from "./hooks.js";

/** The registry the private images come from. */
const registry = "registry.example.com";

/** The application's image, built by CI as a Nix derivation (a docker-archive tarball). */
const appImage = {
  type: "derivation",
  name: "docker-image-shop-app.tar.gz",
  outPath: "/nix/store/9a7f1c0d2b3e4f5a6b7c8d9e0f1a2b3c-docker-image-shop-app.tar.gz",
  toString: () => appImage.outPath,
};

export default {
  _file: "examples/host-2023-07.ts",
  imports: [hooks],
  config: {
    networking: { proxy: { default: "http://proxy.internal:3128", noProxy: "127.0.0.1,localhost,.internal" } },
    virtualisation: {
      "oci-containers": {
        backend: "podman",
        containers: {
          // The database: started first, its data in a named volume.
          db: {
            image: "docker.io/library/postgres:16",
            environment: { POSTGRES_DB: "shop", POSTGRES_USER: "shop" },
            environmentFiles: ["/run/secrets/db.env"],
            volumes: ["shop-db:/var/lib/postgresql/data"],
            extraOptions: ["--network=shop"],
          },
          // The application: a private image, loaded from a file when present,
          // pulled with a registry login otherwise.
          app: {
            image: `${registry}/shop/app:2.4.1`,
            imageFile: appImage,
            login: { username: "deploy", passwordFile: "/run/secrets/registry-password", registry },
            cmd: ["--port=8080", "--workers=4"],
            environment: { DATABASE_URL: "postgres://shop@db/shop", LOG_LEVEL: "info" },
            dependsOn: ["db"],
            user: "1000:1000",
            workdir: "/srv/app",
            extraOptions: ["--network=shop"],
          },
          // The front proxy: published on the host, after the application.
          proxy: {
            image: "docker.io/library/caddy:2",
            ports: ["80:80", "443:443"],
            volumes: ["/etc/caddy/Caddyfile:/etc/caddy/Caddyfile:ro", "caddy-data:/data"],
            dependsOn: ["app"],
            extraOptions: ["--network=shop"],
          },
        },
      },
    },
  },
};
