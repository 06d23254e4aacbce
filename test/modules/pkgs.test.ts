import { describe, expect, it } from "vitest";
import { makePkgs, storePath } from "../../src/modules/pkgs.js";

describe("makePkgs: packages", () => {
  const pkgs = makePkgs();
  it.each([
    ["coreutils", "/nix/store/ade65016e8e5d40e422cedd58b2ea598-coreutils-9.3"],
    ["findutils", "/nix/store/a000dbc63d65318468bfa9add0c20a2a-findutils-4.9.0"],
    ["gnugrep", "/nix/store/3ee7204a7ca3bf0c02a71a1c18b0cfc3-gnugrep-3.11"],
    ["gnused", "/nix/store/7eb652d16dbfd3b42c3b815016b189bd-gnused-4.9"],
    ["systemd", "/nix/store/c105367642c8ab8921eea1011b7064a7-systemd-253.6"],
    ["docker", "/nix/store/a72ac557792570bb76810810867cbb2b-docker-24.0.5"],
    ["podman", "/nix/store/213e95b74db179f9c7d0661e6bc699aa-podman-4.6.1"],
  ] as const)("%s has the store path of the cases", (attr, path) => {
    const drv = pkgs[attr];
    expect(drv.type).toBe("derivation");
    expect(drv.outPath).toBe(path);
    expect(`${drv}`).toBe(path);
    expect(drv.kind).toBe("package");
  });

  it("toString and overrideAttrs are not enumerable (a package is its data)", () => {
    expect(Object.keys(pkgs.podman).sort()).toEqual(["kind", "name", "outPath", "text", "type"]);
    expect(JSON.stringify(pkgs.podman)).toContain('"outPath"');
  });

  it("package scripts are not registered as scripts", () => {
    expect(makePkgs().builtScripts.size).toBe(0);
  });
});

describe("makePkgs: builders", () => {
  it("writeShellApplication: the pre-start script of basic-podman", () => {
    const pkgs = makePkgs();
    const drv = pkgs.writeShellApplication({
      name: "pre-start",
      runtimeInputs: [],
      text: "podman rm -f web || true\n\n\nrm -f /run/podman-'web'.ctr-id\n\n",
    });
    expect(drv.outPath).toBe("/nix/store/ad8e29d5827558d4ca8f3f70ae25102b-pre-start");
    expect(drv.runtimeInputs).toEqual([]);
    expect(pkgs.builtScripts.get(drv.outPath)).toMatchObject({
      kind: "writeShellApplication",
      builder: "writeShellApplication",
      name: "pre-start",
      text: "podman rm -f web || true\n\n\nrm -f /run/podman-'web'.ctr-id\n\n",
    });
  });

  it("writeShellApplication: the pre-start script of full-options-docker (login and image load)", () => {
    const text =
      "docker rm -f app || true\ncat /run/secrets/registry-pw | \\\ndocker login \\\nregistry.example.com \\\n" +
      "--username deploy \\\n--password-stdin\n\ndocker load -i /nix/store/6fcddf370814f94e66d5f648a0bd28f1-app-image.tar.gz\n\n\n";
    expect(makePkgs().writeShellApplication({ name: "pre-start", text }).outPath).toBe(
      "/nix/store/c2c7b43287649bd56ba1b6542536cb61-pre-start",
    );
  });

  it("runtimeInputs are kept on the derivation but do not change its path", () => {
    const pkgs = makePkgs();
    const a = pkgs.writeShellApplication({ name: "x", text: "true\n", runtimeInputs: [pkgs.coreutils] });
    const b = pkgs.writeShellApplication({ name: "x", text: "true\n" });
    expect(a.outPath).toBe(b.outPath);
    expect(a.runtimeInputs).toEqual([pkgs.coreutils]);
  });

  it("writeShellScriptBin + overrideAttrs: a job script of user-prestart-string", () => {
    const pkgs = makePkgs();
    const base = pkgs.writeShellScriptBin(
      "podman-web-pre-start",
      "set -e\nmkdir -p /var/lib/web\nchown 1000 /var/lib/web\n",
    );
    const drv = base.overrideAttrs(() => ({ name: "unit-script-podman-web-pre-start" }));
    expect(drv.outPath).toBe("/nix/store/6f5e2795ff6445f1c3f0541c16448285-unit-script-podman-web-pre-start");
    expect(drv.kind).toBe("writeShellScriptBin");
    expect(drv.text).toBe(base.text);
    expect(pkgs.builtScripts.has(drv.outPath)).toBe(true);
    expect(pkgs.builtScripts.has(base.outPath)).toBe(true);
  });

  it("overrideAttrs passes the old attributes", () => {
    const pkgs = makePkgs();
    const drv = pkgs
      .writeText("a", "hello")
      .overrideAttrs((old) => ({ name: `${old.name}-b`, text: old.text + "!" }));
    expect(drv.name).toBe("a-b");
    expect(drv.outPath).toBe(storePath("writeText", "a-b", "hello!"));
  });

  it("writeText and writeShellScriptBin hash their kind", () => {
    const pkgs = makePkgs();
    expect(pkgs.writeText("n", "t").outPath).toBe(storePath("writeText", "n", "t"));
    expect(pkgs.writeShellScriptBin("n", "t").outPath).not.toBe(pkgs.writeText("n", "t").outPath);
  });

  it("each package set has its own registry", () => {
    const a = makePkgs();
    expect(`${a.writeText("n", "t").outPath}`).toBe(storePath("writeText", "n", "t"));
    expect(a.builtScripts.size).toBe(1);
    expect(makePkgs().builtScripts.size).toBe(0);
  });

  it("hashes and registers a script only when its store path is used", () => {
    const pkgs = makePkgs();
    const base = pkgs.writeShellScriptBin("svc-start", "set -e\ntrue\n");
    const renamed = base.overrideAttrs(() => ({ name: "unit-script-svc-start" }));
    expect(pkgs.builtScripts.size).toBe(0);
    expect(Object.keys(renamed)).toEqual(["name", "text", "kind", "destination", "type", "outPath"]);
    expect(String(renamed)).toBe(storePath("writeShellScriptBin", "unit-script-svc-start", "set -e\ntrue\n"));
    // The script it was made from is not in the output: not listed.
    expect([...pkgs.builtScripts.keys()]).toEqual([renamed.outPath]);
    expect(pkgs.builtScripts.get(renamed.outPath)).toMatchObject({
      name: "unit-script-svc-start",
      destination: "/bin/svc-start",
    });
    // Reading it registers it too, under its own path, once.
    expect(base.outPath).toBe(storePath("writeShellScriptBin", "svc-start", "set -e\ntrue\n"));
    expect(base.outPath).toBe(base.outPath);
    expect(pkgs.builtScripts.size).toBe(2);
  });
});
