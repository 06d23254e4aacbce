/**
 * Where the time of one evaluation goes, phase by phase (not part of `npm run bench`):
 * the containers' options, the services (as the harness prints them), the unit texts.
 *
 *   npx esbuild bench/phases.ts --bundle --platform=node --format=esm --outfile=/tmp/phases.mjs && node /tmp/phases.mjs 1000
 */
import { performance } from "node:perf_hooks";
import { evalModules } from "../src/lib/evaluation.js";
import { servicesJson } from "../src/tools/conformance.js";
import { toJsonValue } from "../src/tools/render-json.js";
import type { Module } from "../src/lib/module-types.js";
import { setLibRevision } from "../src/lib/lib-revision.js";
import { revisions } from "../src/modules/index.js";

// The workload is measured with the seed (revision 2023-07), whose output bench/floor.ts reproduces.
setLibRevision("2023-07");
const defaultModules = revisions["2023-07"].modules;
import { makePkgs } from "../src/modules/pkgs.js";
import { workloadModules } from "./workload.js";

const n = Number(process.argv[2] ?? 1000);
const t0 = performance.now();
let last = t0;
const lap = (what: string): void => {
  const now = performance.now();
  process.stdout.write(`${what.padEnd(28)} ${(now - last).toFixed(0).padStart(6)} ms\n`);
  last = now;
};
const { config } = evalModules({
  modules: [...(defaultModules as readonly Module[]), ...workloadModules(n)],
  specialArgs: { pkgs: makePkgs() },
});
const oci = config.virtualisation["oci-containers"];
lap("evalModules (top)");
toJsonValue(oci.containers);
lap("containers (all options)");
const services = config.systemd.services as Record<string, unknown>;
lap("services (names)");
servicesJson(services);
lap("services (json)");
const units = config.systemd.units as Record<string, { text: unknown }>;
for (const name of Object.keys(units)) toJsonValue(units[name]!.text);
lap("units (text)");
process.stdout.write(`${"total".padEnd(28)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms\n`);
