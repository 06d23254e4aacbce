// A new user's mistakes, as the nixmod command reports them: a module of their own
// (`services.myapp`) and a host, each with one mistake, run as a user runs the command.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findTools } from "../../src/build/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");

let tmp: string;

function nixmod(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: string): string {
  const p = join(tmp, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  return name;
}

/** The user's module: options of its own, and a container when enabled. */
const MYAPP = `import { mkEnableOption, mkIf, mkOption, types } from "nixmod";
import { defineNixosModule } from "nixmod/modules";

export default defineNixosModule({
  options: {
    services: {
      myapp: {
        enable: mkEnableOption("myapp"),
        port: mkOption({ type: types.port, default: 8080 }),
        replicas: mkOption({ type: types.ints.positive, default: 1 }),
      },
    },
  },
  config: ({ config }) =>
    mkIf(() => config.services.myapp.enable, {
      virtualisation: { "oci-containers": { containers: { myapp: { image: "myapp:1" } } } },
    }),
});
`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-mistakes-"));
  write("myapp.ts", MYAPP);
});

describe("definitions written beside `config:` in defineNixosModule", () => {
  it("are refused as Nix refuses a module with an unsupported attribute, not dropped", () => {
    write(
      "beside.ts",
      `import { defineNixosModule } from "nixmod/modules";
export default defineNixosModule({
  // @ts-expect-error: definitions belong under config
  virtualisation: { "oci-containers": { containers: { web: { image: "nginx" } } } },
});
`,
    );
    const r = nixmod("eval", "beside.ts");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: Module \`${join(tmp, "beside.ts")}' has an unsupported attribute \`virtualisation'. This is caused by introducing a top-level \`config' or \`options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: virtualisation) into the explicit \`config' attribute.\n`,
    );
  });
});

describe("a misspelt option path read by a module's code", () => {
  it("names the missing attribute, where it is read, and the closest names; no internal error", () => {
    write(
      "misspelt.ts",
      `import { mkIf } from "nixmod";
import { defineNixosModule } from "nixmod/modules";
import myapp from "./myapp.js";

export default defineNixosModule({
  imports: [myapp],
  config: ({ config }) => ({
    services: { myapp: { enable: true } },
    systemd: {
      services: {
        // @ts-expect-error: the misspelt path (tsc says so too)
        "podman-myapp": mkIf(() => config.services.myap.enable, { serviceConfig: { Restart: "no" } }),
      },
    },
  }),
});
`,
    );
    const r = nixmod("eval", "misspelt.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).toBe(
      [
        "… while evaluating the option `systemd.services':",
        "… while evaluating definitions from `misspelt.ts':",
        "error: attribute 'myap' missing in `config.services'",
        "",
        "       at misspelt.ts:12:52:",
        "",
        "           11|         // @ts-expect-error: the misspelt path (tsc says so too)",
        '           12|         "podman-myapp": mkIf(() => config.services.myap.enable, { serviceConfig: { Restart: "no" } }),',
        "             | " + " ".repeat(51) + "^",
        "       Did you mean `myapp'?",
        "       (TypeError: Cannot read properties of undefined (reading 'enable'), thrown by the module's code)",
        "",
      ].join("\n"),
    );
  });
});

describe("config read in a module's body", () => {
  it("names the file, line and column where it was read", () => {
    write(
      "eager.ts",
      `import myapp from "./myapp.js";

export default ({ config }: any) => ({
  imports: [myapp],
  config: {
    services: { myapp: { enable: config.services.myapp.port > 0 } },
  },
});
`,
    );
    const r = nixmod("eval", "eager.ts");
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("error: infinite recursion encountered");
    expect(lines.slice(3)).toEqual([
      "",
      "       at eager.ts:6:41:",
      "",
      "            5|   config: {",
      "            6|     services: { myapp: { enable: config.services.myapp.port > 0 } },",
      "             | " + " ".repeat(40) + "^", // (V8's column: the read of \`services')
      "",
    ]);
  });
});

describe("a misspelt option name", () => {
  it("gets Nix's message word for word, then the closest option on a line of its own", () => {
    write(
      "typo.ts",
      `import myapp from "./myapp.js";

export default { imports: [myapp], services: { myapp: { enable: true, replica: 3 } } };
`,
    );
    const r = nixmod("eval", "typo.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      [
        "error: The option `services.myapp.replica' does not exist. Definition values:",
        "       - In `typo.ts': 3",
        "       Did you mean `services.myapp.replicas'?",
        "",
      ].join("\n"),
    );
  });
});

describe("an override of a service that no module declares", () => {
  beforeAll(() => {
    write(
      "stray.ts",
      `import { mkAfter } from "nixmod";
import myapp from "./myapp.js";

export default {
  imports: [myapp],
  services: { myapp: { enable: true } },
  // podman-myapp is the service; podman-myap is a new one, with nothing to start
  systemd: { services: { "podman-myap": { serviceConfig: { ExecStartPre: mkAfter(["/bin/true"]) } } } },
};
`,
    );
  });
  const warning =
    "warning: the service `podman-myap' (defined in `stray.ts') has no ExecStart, ExecStop or SuccessAction: " +
    "no module declares it, so systemd will not start it; did you mean `podman-myapp'?";

  it("is kept, as Nix keeps it, and eval warns: the service, the file, the closest service", () => {
    const r = nixmod("eval", "stray.ts");
    expect(r.status).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(["podman-myap", "podman-myapp"]);
    expect(r.stderr).toBe(`${warning}\n`);
    // the service the override meant: no warning
    write(
      "meant.ts",
      `import myapp from "./myapp.js";\nexport default { imports: [myapp], services: { myapp: { enable: true } } };\n`,
    );
    expect(nixmod("eval", "meant.ts").stderr).toBe("");
  });

  it("build warns the same (and systemd-analyze, where it runs, refuses the unit)", () => {
    const r = nixmod("build", "--quiet", "stray.ts", "--out", "stray-out");
    expect(r.stderr.split("\n")[0]).toBe(`nixmod build: ${warning}`);
    if (findTools().systemdAnalyze === null) expect(r.status).toBe(0);
    else if (r.status !== 0) expect(r.stderr).toContain("podman-myap.service: Service has no ExecStart=");
  });
});
