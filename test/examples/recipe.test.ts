// test/examples/recipe.test.ts: testing a configuration, the recipe docs/testing.md shows
// word for word (a test checks that the two agree). It uses only what a user of the package
// imports, and runs as it is in a project of the user's with examples/host.ts (a test does so).
import { describe, expect, it } from "vitest";
import { EvalError, evalModules, mkForce, renderJson } from "nixmod";
import { defaultModules, makePkgs } from "nixmod/modules";
import host from "../../examples/host.js";

/** The host with the NixOS base and oci-containers, and any extra modules, evaluated. */
function evaluate(...extra: object[]) {
  return evalModules({
    modules: [...defaultModules, host, ...extra],
    specialArgs: { pkgs: makePkgs() },
  }).config;
}

describe("examples/host.ts", () => {
  it("keeps its services in a snapshot", async () => {
    const config = evaluate();
    // Every value forced, names sorted as Nix sorts them, packages as store paths, options
    // that nothing defines and that have no default (startLimitBurst) left out.
    await expect(renderJson(config.systemd.services, { omitUndefined: true })).toMatchFileSnapshot(
      "__snapshots__/host.services.json",
    );
  });

  it("runs the migration after the module's own pre-start", () => {
    const config = evaluate();
    const pre = config.systemd.services["podman-app"].serviceConfig.ExecStartPre;
    expect(pre.at(-1)).toBe("/run/current-system/sw/bin/shop-migrate --wait-for db");
  });

  it("refuses a second, conflicting image", () => {
    const clash = { virtualisation: { "oci-containers": { containers: { app: { image: "app:2" } } } } };
    const config = evaluate(clash);
    expect(() => config.virtualisation["oci-containers"].containers.app.image).toThrow(EvalError);
  });

  it("takes an image forced by an override", () => {
    const pin = {
      virtualisation: { "oci-containers": { containers: { app: { image: mkForce("app:pinned") } } } },
    };
    const config = evaluate(pin);
    expect(config.virtualisation["oci-containers"].containers.app.image).toBe("app:pinned");
  });
});
