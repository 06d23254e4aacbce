/**
 * One benchmark process: evaluate the host with N containers (argv[2]) and force
 * everything the issue asks for: all of `config.systemd.services` (as the conformance
 * harness prints it) and the text of every unit. Prints a one-line JSON summary.
 * The benchmark driver bundles this file with esbuild and runs it under /usr/bin/time.
 */
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
import { containerCount, printSummary } from "./summary.js";
import { workloadModules } from "./workload.js";

const n = containerCount("run");

const { config } = evalModules({
  modules: [...(defaultModules as readonly Module[]), ...workloadModules(n)],
  specialArgs: { pkgs: makePkgs() },
});
const services = servicesJson(config.systemd.services) as Record<string, unknown>;
const units = config.systemd.units as Record<string, { text: unknown }>;
let textChars = 0;
let unitCount = 0;
for (const name of Object.keys(units)) {
  const text = toJsonValue(units[name]!.text);
  if (typeof text !== "string") throw new Error(`unit ${name}: text is not a string`);
  textChars += text.length;
  unitCount++;
}
printSummary(n, services, unitCount, textChars);
