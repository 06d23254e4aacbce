// Expected texts were checked with real Nix (nix-instantiate) on the reference base's definitions.
import { describe, expect, it } from "vitest";
import {
  attrsToSection,
  makeJobScript,
  serviceUnitText,
  toOption,
} from "../../src/modules/system/boot/systemd-lib.js";
import { makePkgs } from "../../src/modules/pkgs.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkForce } from "../../src/lib/properties.js";
import { defaultModules } from "../../src/modules/index.js";

const base = {
  unitConfig: {},
  environment: {},
  serviceConfig: {},
  reloadIfChanged: false,
  restartIfChanged: true,
  stopIfChanged: true,
};

describe("toOption", () => {
  it("spells booleans as systemd does and the rest by toString", () => {
    expect(toOption(true)).toBe("true");
    expect(toOption(false)).toBe("false");
    expect(toOption(0)).toBe("0");
    expect(toOption(null)).toBe("");
    expect(toOption(["a", "b"])).toBe("a b");
    expect(toOption(makePkgs().podman)).toBe("/nix/store/213e95b74db179f9c7d0661e6bc699aa-podman-4.6.1");
  });
});

describe("attrsToSection", () => {
  it("sorts names by byte order, one line per list element, empty lists give no line", () => {
    expect(attrsToSection({ b: ["x", "y"], a: true, Z: false, n: 5, l: [], s: "v w", nul: null })).toBe(
      "Z=false\na=true\nb=x\nb=y\nn=5\nnul=\ns=v w\n",
    );
  });
  it("is empty for an empty set", () => {
    expect(attrsToSection({})).toBe("");
  });
});

describe("serviceUnitText", () => {
  it("renders an empty service with the blank lines the reference leaves", () => {
    expect(serviceUnitText({}, base)).toBe("[Unit]\n\n[Service]\n\n\n\n\n");
  });
  it("reloadIfChanged and stopIfChanged = false", () => {
    expect(serviceUnitText({}, { ...base, reloadIfChanged: true, stopIfChanged: false })).toBe(
      "[Unit]\n\n[Service]\n\nX-ReloadIfChanged=true\n\nX-StopIfChanged=false\n\n",
    );
  });
  it("restartIfChanged = false", () => {
    expect(serviceUnitText({}, { ...base, restartIfChanged: false })).toBe(
      "[Unit]\n\n[Service]\n\nX-RestartIfChanged=false\n\n\n\n",
    );
  });
  it("merges the global environment under the service's, JSON-quotes entries, drops nulls", () => {
    const def = {
      ...base,
      environment: { A: 'x"y\\z\n\t', N: null },
      unitConfig: { After: "a.target" },
      serviceConfig: { ExecStartPre: ["/a", "/b"], Restart: "always", T: 0 },
    };
    expect(serviceUnitText({ TZ: "UTC", A: "g" }, def)).toBe(
      '[Unit]\nAfter=a.target\n\n[Service]\nEnvironment="A=x\\"y\\\\z\\n\\t"\nEnvironment="TZ=UTC"\n\n\n\n' +
        "ExecStartPre=/a\nExecStartPre=/b\nRestart=always\nT=0\n\n",
    );
  });
  it("escapes other control characters as \\u00XX like Nix's toJSON", () => {
    expect(serviceUnitText({}, { ...base, environment: { A: "\u0001\b" } })).toContain(
      'Environment="A=\\u0001\\u0008"\n',
    );
  });
  it("interpolates a package value as its store path", () => {
    const pkgs = makePkgs();
    expect(serviceUnitText({}, { ...base, environment: { P: pkgs.docker } })).toContain(
      'Environment="P=/nix/store/a72ac557792570bb76810810867cbb2b-docker-24.0.5"\n',
    );
  });
});

describe("makeJobScript", () => {
  it("gives the path of basic-podman's pre-stop job script", () => {
    const pkgs = makePkgs();
    const path = makeJobScript(
      pkgs,
      "podman-web-pre-stop",
      "[ $SERVICE_RESULT = success ] || podman stop --ignore --cidfile=/run/podman-'web'.ctr-id",
    );
    expect(path).toBe(
      "/nix/store/94a471279ea8a236e5c6e7e75a5409fa-unit-script-podman-web-pre-stop/bin/podman-web-pre-stop",
    );
    expect(pkgs.builtScripts.get(path.replace(/\/bin\/.*$/, ""))?.text).toBe(
      "set -e\n[ $SERVICE_RESULT = success ] || podman stop --ignore --cidfile=/run/podman-'web'.ctr-id\n",
    );
  });
  it("replaces backslashes (doubled first) and @ in the script name", () => {
    const path = makeJobScript(makePkgs(), "a@b\\c-start", "true");
    expect(path.endsWith("-unit-script-a_b--c-start/bin/a_b--c-start")).toBe(true);
  });
});

// The service module's `mkIf (cfg.<script> != "") { jobScripts = ...; serviceConfig.<Exec...> = ...; }`
describe("a service's job scripts", () => {
  const service = (def: object) => {
    const pkgs = makePkgs();
    const { config } = evalModules({
      modules: [...defaultModules, { systemd: { services: { s: def } } }],
      specialArgs: { pkgs },
    });
    return { s: config.systemd.services.s, pkgs };
  };
  const names = (paths: string[]) => paths.map((p) => p.replace(/^.*\/bin\//, ""));

  it("are made for the scripts that are not empty, in the reference's order, and only those", () => {
    const { s, pkgs } = service({ postStop: "b", script: "a", preStart: "" });
    expect(names(s.jobScripts)).toEqual(["s-start", "s-post-stop"]);
    expect(Object.keys(s.serviceConfig)).toEqual(["ExecStart", "ExecStopPost"]);
    expect([s.serviceConfig.ExecStart, s.serviceConfig.ExecStopPost]).toEqual(
      s.jobScripts.map((p: string, i: number) => (i === 0 ? p + " " : p)),
    );
    expect([...pkgs.builtScripts.values()].map((b) => b.name)).toEqual([
      "unit-script-s-start",
      "unit-script-s-post-stop",
    ]);
  });

  it("follow a script overridden to empty, and make nothing for it", () => {
    const { s, pkgs } = service({ script: mkForce(""), preStop: "x" });
    expect(names(s.jobScripts)).toEqual(["s-pre-stop"]);
    expect(s.serviceConfig).toEqual({ ExecStop: s.jobScripts[0] });
    expect(pkgs.builtScripts.size).toBe(1);
  });
});
