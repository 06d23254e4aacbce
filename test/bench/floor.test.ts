// The benchmark's floor (bench/floor.ts) prints what the engine prints for the workload:
// otherwise the figure it gives in docs/performance.md would be of some other work.
import { describe, expect, it } from "vitest";
import { floorOutput } from "../../bench/floor.js";
import { workloadModules } from "../../bench/workload.js";
import { servicesJson } from "../../src/tools/conformance.js";
import { evalModules } from "../../src/lib/evaluation.js";
import type { Module } from "../../src/lib/module-types.js";
import { toJsonValue } from "../../src/tools/render-json.js";
import { setLibRevision } from "../../src/lib/lib-revision.js";
import { revisions } from "../../src/modules/index.js";

// The floor reproduces the seed (revision 2023-07), with which the benchmark measures the engine.
setLibRevision("2023-07");
const defaultModules = revisions["2023-07"].modules;
import { makePkgs } from "../../src/modules/pkgs.js";

/** The engine's output for the workload with `n` containers, as bench/run.ts forces it. */
function engineOutput(n: number): { services: unknown; texts: Record<string, unknown> } {
  const { config } = evalModules({
    modules: [...(defaultModules as readonly Module[]), ...workloadModules(n)],
    specialArgs: { pkgs: makePkgs() },
  });
  const services = servicesJson(config.systemd.services);
  const units = config.systemd.units as Record<string, { text: unknown }>;
  const texts: Record<string, unknown> = {};
  for (const name of Object.keys(units)) texts[name] = toJsonValue(units[name]!.text);
  return { services, texts };
}

describe("bench/floor.ts", () => {
  // 67 containers: logins (i mod 11 = 0), hooks (i mod 10 = 0), cmd (i mod 3 = 0),
  // dependsOn (i mod 5 = 4), and names whose order by code unit is not numeric (c10 < c2).
  it("prints the engine's services and unit texts, byte for byte, in the same order", () => {
    const floor = floorOutput(67);
    expect(Object.keys(floor.services)).toHaveLength(67);
    expect(JSON.stringify(floor)).toBe(JSON.stringify(engineOutput(67)));
  });

  it("has nothing for no containers, as the engine has", () => {
    expect(floorOutput(0)).toEqual({ services: {}, texts: {} });
    expect(JSON.stringify(engineOutput(0))).toBe(JSON.stringify({ services: {}, texts: {} }));
  });
});
