/**
 * The benchmark workload (issue 6): a host with N containers, and a second module
 * that appends a hook to the ExecStartPre of every tenth container's service.
 * Modules are plain attribute sets, like JSON module files.
 */
import type { Module } from "../src/lib/module-types.js";

/** Container `c<i>` for i = 0 .. N-1. */
export function containerConfig(i: number): Record<string, unknown> {
  const c: Record<string, unknown> = {
    image: `registry.example.com/app${i}:1.${i % 7}`,
    ports: [`${10000 + i}:80`],
    environment: { INDEX: String(i), ROLE: i % 2 === 1 ? "web" : "worker" },
    volumes: [`data${i}:/data`],
  };
  if (i % 3 === 0) c.cmd = ["--verbose"];
  if (i % 5 === 4) c.dependsOn = [`c${i - 1}`];
  if (i % 11 === 0) c.login = { username: "bot", passwordFile: "/run/pw", registry: "registry.example.com" };
  return c;
}

/** The two modules of the host with `n` containers. */
export function workloadModules(n: number): Module[] {
  const containers: Record<string, unknown> = {};
  const services: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    containers[`c${i}`] = containerConfig(i);
    if (i % 10 === 0) services[`podman-c${i}`] = { serviceConfig: { ExecStartPre: [`/etc/hooks/h${i}`] } };
  }
  return [
    {
      _file: "host.nix",
      config: { virtualisation: { "oci-containers": { backend: "podman", containers } } },
    },
    { _file: "hooks.nix", config: { systemd: { services } } },
  ];
}
