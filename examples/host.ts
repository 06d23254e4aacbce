// A realistic host: a small web shop on podman, as NixOS (revision 2025-06, the default)
// runs it. `npx nixmod eval examples/host.ts` evaluates it together with the NixOS base and
// the oci-containers module and prints its systemd.services; `npx nixmod build
// examples/host.ts --out DIR` writes its units and scripts, checked with shellcheck.
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

/** Labels every container of the shop carries (for the monitoring's service discovery). */
const shopLabels = { "com.example.stack": "shop", "com.example.owner": "web team" };

export default {
  _file: "examples/host.ts",
  imports: [hooks],
  config: {
    networking: { proxy: { default: "http://proxy.internal:3128", noProxy: "127.0.0.1,localhost,.internal" } },
    // The user the background worker runs as: rootless podman needs a fixed uid (for
    // sdnotify=healthy) and lingering (so that its user manager runs without a login).
    users: { users: { shop: { isNormalUser: true, uid: 1001, linger: true } } },
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
            networks: ["shop"],
            labels: { ...shopLabels, "com.example.role": "database" },
          },
          // The application: a private image, loaded from a file when present, pulled with
          // a registry login otherwise (and run from the local copy if the login fails).
          app: {
            image: `${registry}/shop/app:2.4.1`,
            imageFile: appImage,
            login: { username: "deploy", passwordFile: "/run/secrets/registry-password", registry },
            cmd: ["--port=8080", "--workers=4"],
            environment: { DATABASE_URL: "postgres://shop@db/shop", LOG_LEVEL: "info" },
            dependsOn: ["db"],
            user: "1000:1000",
            workdir: "/srv/app",
            hostname: "app",
            networks: ["shop"],
            labels: { ...shopLabels, "com.example.role": "application" },
          },
          // The background worker: rootless, ready when its health check passes.
          worker: {
            image: `${registry}/shop/worker:2.4.1`,
            login: { username: "deploy", passwordFile: "/run/secrets/registry-password", registry },
            podman: { user: "shop", sdnotify: "healthy" },
            extraOptions: ["--health-cmd=/usr/bin/worker --check", "--health-interval=30s"],
            environment: { DATABASE_URL: "postgres://shop@db/shop" },
            labels: { ...shopLabels, "com.example.role": "worker" },
          },
          // The front proxy: published on the host, after the application; a floating tag
          // refreshed whenever the registry has a newer image.
          proxy: {
            image: "docker.io/library/caddy:2",
            pull: "newer",
            ports: ["80:80", "443:443"],
            volumes: ["/etc/caddy/Caddyfile:/etc/caddy/Caddyfile:ro", "caddy-data:/data"],
            dependsOn: ["app"],
            networks: ["shop"],
            capabilities: { NET_BIND_SERVICE: true, NET_RAW: false },
            labels: { ...shopLabels, "com.example.role": "proxy" },
          },
        },
      },
    },
  },
};
