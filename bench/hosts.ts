/**
 * The files the benchmark evaluates, for the workload's host with N containers (workload.ts):
 *
 * - `scenario-N.json`: a scenario (a conformance case without expected values), which real Nix
 *   evaluates with ../shared/reference/nix-eval.sh and nixmod with `nixmod eval --case`: both
 *   print the same values (services, unit texts, warnings, failed assertions...);
 * - `host-N.json`, importing `hooks-N.json`: the same two modules as module files in JSON;
 * - `host-N.ts`, importing `hooks-N.ts`: the same, as a user writes them in TypeScript (an
 *   interface, annotated constants, an import of the other file).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { containerConfig, workloadModules } from "./workload.js";

/** The revision of NixOS's modules both sides evaluate (nixmod's default, what users run). */
export const REVISION = "2025-06";

export interface HostFiles {
  scenario: string;
  json: string;
  ts: string;
}

/** Write the files for N containers under `dir`; their paths. */
export function writeHostFiles(dir: string, n: number): HostFiles {
  mkdirSync(dir, { recursive: true });
  const modules = workloadModules(n) as { _file: string; config: unknown }[];
  const [host, hooks] = modules as unknown as [{ config: HostConfig }, { config: unknown }];
  const scenario = join(dir, `scenario-${n}.json`);
  writeFileSync(
    scenario,
    JSON.stringify({
      name: `bench-${n}`,
      about: `the benchmark's host with ${n} containers (bench/workload.ts)`,
      revision: REVISION,
      modules: modules.map((m) => ({ file: m._file, config: m.config })),
    }),
  );
  const json = join(dir, `host-${n}.json`);
  writeFileSync(join(dir, `hooks-${n}.json`), JSON.stringify({ config: hooks.config }, null, 2) + "\n");
  writeFileSync(
    json,
    JSON.stringify({ imports: [`./hooks-${n}.json`], config: host.config }, null, 2) + "\n",
  );
  const ts = join(dir, `host-${n}.ts`);
  writeFileSync(join(dir, `hooks-${n}.ts`), hooksTs(hooks.config));
  writeFileSync(ts, hostTs(n));
  return { scenario, json, ts };
}

interface HostConfig {
  virtualisation: { "oci-containers": { backend: string; containers: Record<string, unknown> } };
}

/** The host as TypeScript: the containers typed by an interface, the hooks imported. */
function hostTs(n: number): string {
  const containers: string[] = [];
  for (let i = 0; i < n; i++) {
    containers.push(`  c${i}: ${JSON.stringify(containerConfig(i))},`);
  }
  return `// The benchmark's host with ${n} containers (bench/hosts.ts), as TypeScript.
import hooks from "./hooks-${n}.js";

interface Login {
  username: string;
  passwordFile: string;
  registry: string;
}

interface Container {
  image: string;
  ports: string[];
  environment: Record<string, string>;
  volumes: string[];
  cmd?: string[];
  dependsOn?: string[];
  login?: Login;
}

const backend: "podman" | "docker" = "podman";

const containers: Record<string, Container> = {
${containers.join("\n")}
};

export default {
  imports: [hooks],
  config: { virtualisation: { "oci-containers": { backend, containers } } },
};
`;
}

/** The hooks module as TypeScript. */
function hooksTs(config: unknown): string {
  return `// The benchmark's hooks (bench/hosts.ts): every tenth container's service runs a hook first.
type Hooks = Record<string, { serviceConfig: { ExecStartPre: string[] } }>;

const services: Hooks = ${JSON.stringify((config as { systemd: { services: unknown } }).systemd.services, null, 2)};

export default { config: { systemd: { services } } };
`;
}
