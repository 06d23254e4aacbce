// examples/modules/: a module with options of its own (hello.ts) and a host using it.
import { describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { loadModuleFile } from "../../src/loader/loader.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";
import { optionAttrSetToDocList, visibleOptions } from "../../src/lib/option-docs.js";

const evaluate = async (file: string) =>
  evalModules({
    modules: [...defaultModules, await loadModuleFile(file)],
    specialArgs: { pkgs: makePkgs() },
  });

describe("examples/modules", () => {
  it("hello.ts alone: disabled, no container, its options documented", async () => {
    const ev = await evaluate("examples/modules/hello.ts");
    expect((ev.config as any).services.hello).toEqual({ enable: false, greeting: "Hello", port: 8080 });
    expect(Object.keys(ev.config.virtualisation["oci-containers"].containers)).toEqual([]);
    const docs = visibleOptions(optionAttrSetToDocList(ev.options)).filter((d) =>
      d.name.startsWith("services.hello"),
    );
    expect(docs.map((d) => [d.name, d.declarations])).toEqual([
      ["services.hello.enable", ["examples/modules/hello.ts"]],
      ["services.hello.greeting", ["examples/modules/hello.ts"]],
      ["services.hello.port", ["examples/modules/hello.ts"]],
    ]);
  });

  it("hello-host.ts: the container from the module's options", async () => {
    const { config } = await evaluate("examples/modules/hello-host.ts");
    const c = config.virtualisation["oci-containers"].containers.hello;
    expect(c.cmd).toEqual(["-text=Hello from nixmod", "-listen=:5678"]);
    expect(c.ports).toEqual(["8081:5678"]);
    const svc = config.systemd.services["podman-hello"];
    expect(svc.path.map((p: { name: string }) => p.name)).toContain("coreutils-9.3");
    expect(svc.script).toContain("-p 8081:5678");
  });
});
