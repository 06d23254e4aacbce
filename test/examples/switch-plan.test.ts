// test/examples/switch-plan.test.ts: what an override does to the machine, the recipe
// docs/testing.md shows word for word (a test checks that the two agree). It uses only what a
// user of the package imports, and runs as it is in a project of the user's with examples/host.ts.
import { describe, expect, it } from "vitest";
import { mkForce } from "nixmod";
import { diffModules, renderDiff } from "nixmod/diff";
import host from "../../examples/host.js";

/** The override under review: the application's image, one patch release on. */
const bumpApp = {
  virtualisation: {
    "oci-containers": { containers: { app: { image: mkForce("registry.example.com/shop/app:2.4.2") } } },
  },
};

describe("bumping the application's image", () => {
  // What switching from the host to the host with the override does, by NixOS's rules.
  const plan = diffModules([host], [host, bumpApp]);

  it("restarts only podman-app: stopped, then started", () => {
    expect(plan.stop).toEqual(["podman-app.service"]);
    expect(plan.start).toEqual(["podman-app.service"]);
    expect([...plan.restart, ...plan.reload, ...plan.skip]).toEqual([]);
  });

  it("creates the app's container again because of its image, and of nothing else", () => {
    const app = plan.units.find((u) => u.name === "podman-app.service");
    expect(app?.container?.reasons).toEqual([
      "image: registry.example.com/shop/app:2.4.1 → registry.example.com/shop/app:2.4.2",
    ]);
  });

  it("stops the proxy meanwhile, which requires the app, and starts it again", () => {
    expect(plan.indirect).toEqual([
      {
        unit: "podman-proxy.service",
        effect: "stop-start",
        because: "Requires=podman-app.service, which is stopped; started again by multi-user.target",
      },
    ]);
  });

  it("keeps the whole plan in a snapshot", async () => {
    await expect(renderDiff(plan)).toMatchFileSnapshot("__snapshots__/bump-app.plan.txt");
  });
});
