// nixmod/diff's ways in: two evaluations, two module lists, two built trees give one plan.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evalModules, mkForce } from "../../src/index.js";
import { build } from "../../src/build/index.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";
import { diffEvaluations, diffModules, diffTrees, renderDiff } from "../../src/diff/index.js";
import host from "../../examples/host.js";
import { tempDir } from "../build/helpers.js";

const bump = {
  virtualisation: { "oci-containers": { containers: { db: { image: mkForce("postgres:17") } } } },
};

describe("one plan, whichever way in", () => {
  it("two evaluations (config and package set) give the plan of the two module lists", () => {
    const evaluate = (...modules: object[]) => {
      const pkgs = makePkgs();
      return {
        config: evalModules({ modules: [...defaultModules, ...modules], specialArgs: { pkgs } }).config,
        pkgs,
      };
    };
    const fromEvaluations = diffEvaluations(evaluate(host), evaluate(host, bump));
    const fromModules = diffModules([host], [host, bump]);
    expect(fromEvaluations).toEqual(fromModules);
    expect(fromModules.stop).toEqual(["podman-db.service"]);
    // podman-app requires podman-db, and podman-proxy podman-app: both are stopped meanwhile.
    expect(fromModules.indirect.map((e) => [e.unit, e.effect])).toEqual([
      ["podman-app.service", "stop-start"],
      ["podman-proxy.service", "stop-start"],
    ]);
  });

  it("two trees nixmod build wrote give the plan of their modules", async () => {
    const tmp = tempDir("diff-trees");
    await build({ modules: [host], out: join(tmp, "old") });
    await build({ modules: [host, bump], out: join(tmp, "new") });
    expect(diffTrees(join(tmp, "old"), join(tmp, "new"))).toEqual(diffModules([host], [host, bump]));
    expect(renderDiff(diffTrees(join(tmp, "old"), join(tmp, "old")))).toBe(
      "no change: the two systems have the same units, links and store files\n",
    );
  });
});
