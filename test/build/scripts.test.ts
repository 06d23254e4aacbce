// The file each builder's script becomes (nixpkgs' trivial-builders layout) and its checks.
import { describe, expect, it } from "vitest";
import { runtimeShell, storeFile } from "../../src/build/scripts.js";
import { makePkgs, storePath } from "../../src/modules/pkgs.js";

const registered = (pkgs: ReturnType<typeof makePkgs>, outPath: string) => pkgs.builtScripts.get(outPath)!;

describe("storeFile", () => {
  it("runtimeShell is the bash-5.2-p15 package's bin/bash, by the package set's own scheme", () => {
    expect(runtimeShell).toBe(`${storePath("package", "bash-5.2-p15", "")}/bin/bash`);
    expect(runtimeShell).toBe("/nix/store/bd4dae6fa7302caf3225e3d8e72e481d-bash-5.2-p15/bin/bash");
  });

  it("writeShellApplication without runtimeInputs: no PATH line; bash -n and shellcheck without flags", () => {
    const pkgs = makePkgs();
    const d = pkgs.writeShellApplication({ name: "hello", text: "echo hello" });
    const f = storeFile(registered(pkgs, d.outPath));
    expect(f).toMatchObject({ path: `${d.outPath}/bin/hello`, executable: true });
    expect(f.contents).toBe(
      `#!${runtimeShell}\nset -o errexit\nset -o nounset\nset -o pipefail\n\necho hello\n`,
    );
    expect(f.checks).toEqual({ dryRun: true, shellcheck: [] });
  });

  it("writeShellApplication: excludeShellChecks and extraShellCheckFlags become shellcheck flags", () => {
    const pkgs = makePkgs();
    const d = pkgs.writeShellApplication({
      name: "x",
      text: "true",
      excludeShellChecks: ["SC2086", "SC2002"],
      extraShellCheckFlags: ["--norc"],
    });
    expect(storeFile(registered(pkgs, d.outPath)).checks.shellcheck).toEqual([
      "--exclude",
      "SC2086,SC2002",
      "--norc",
    ]);
  });

  it("writeShellScriptBin: shebang and text; renamed by overrideAttrs, it keeps bin/<first name>", () => {
    const pkgs = makePkgs();
    const d = pkgs
      .writeShellScriptBin("web-start", "set -e\nexec true\n")
      .overrideAttrs(() => ({ name: "unit-script-web-start" }));
    const f = storeFile(registered(pkgs, d.outPath));
    expect(f.path).toBe(`${d.outPath}/bin/web-start`);
    expect(d.outPath).toMatch(/-unit-script-web-start$/);
    expect(f.contents).toBe(`#!${runtimeShell}\nset -e\nexec true\n\n`);
    expect(f.checks).toEqual({ dryRun: true, shellcheck: null });
  });

  it("writeText: the store path is the file, not executable, not checked", () => {
    const pkgs = makePkgs();
    const d = pkgs.writeText("notes", "a\nb");
    expect(storeFile(registered(pkgs, d.outPath))).toMatchObject({
      path: d.outPath,
      executable: false,
      contents: "a\nb",
      checks: { dryRun: false, shellcheck: null },
    });
  });

  it("an unknown builder is an error naming the store path", () => {
    const pkgs = makePkgs();
    const d = pkgs.writeText("n", "t");
    const s = { ...registered(pkgs, d.outPath), kind: "writeCBin" };
    expect(() => storeFile(s)).toThrow(
      `nixmod build does not know how to build ${d.outPath}: its builder 'writeCBin'`,
    );
  });
});
