import { performance } from "node:perf_hooks";
import { evalModules } from "../src/lib/evaluation.js";
import { servicesJson } from "../src/lib/conformance.js";
import { toJsonValue } from "../src/lib/render-json.js";
import type { Module } from "../src/lib/module-types.js";
import { defaultModules } from "../src/modules/index.js";
import { makePkgs } from "../src/modules/pkgs.js";
import { workloadModules } from "./workload.js";
let out = "";
for (const a of process.argv.slice(2)) {
  const n = Number(a);
  const t0 = performance.now();
  const { config } = evalModules({ modules: [...(defaultModules as readonly Module[]), ...workloadModules(n)], specialArgs: { pkgs: makePkgs() } });
  servicesJson(config.systemd.services);
  const units = config.systemd.units as Record<string, { text: unknown }>;
  for (const name of Object.keys(units)) toJsonValue(units[name]!.text);
  out += `N=${n}: ${(performance.now() - t0).toFixed(0)} ms  `;
}
console.log(out);
