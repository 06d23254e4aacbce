// The nixmod command evaluates in its own process, on the main thread's stack (about 1 MB);
// a configuration deeper than that is evaluated again in a process with a deep stack, and
// what the first try printed is not printed (bin/nixmod.js, src/cli/command.ts `run`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "nixmod.js");

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "nixmod-deep-"));
  // Options o0 … o(n-1) under `chain`, each defined as the next one plus one: reading o0 reads
  // all of them, one inside the other. The module prints a line to each stream when loaded.
  writeFileSync(
    join(tmp, "chain.ts"),
    `import { mkOption, types } from "nixmod";
const n: number = Number(process.env.CHAIN);
const options: Record<string, unknown> = {};
for (let i = 0; i < n; i++) options[\`o\${i}\`] = mkOption({ type: types.int });
console.log("loaded (stdout)");
console.error("loaded (stderr)");
export default ({ config }: { config: { chain: Record<string, number> } }) => {
  const chain: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    Object.defineProperty(chain, \`o\${i}\`, {
      enumerable: true,
      get: () => (i === n - 1 ? 1 : config.chain[\`o\${i + 1}\`]! + 1),
    });
  }
  return { options: { chain: options }, config: { chain } };
};
`,
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const chain = (n: number, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, "eval", "--attr", "chain.o0", "chain.ts"], {
    cwd: tmp,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NIXMOD_FROM_SOURCE: "", CHAIN: String(n), ...env },
  });

describe("a configuration deeper than the main thread's stack", () => {
  it("a shallow chain evaluates in the command's own process", () => {
    const r = chain(100);
    expect(r.stderr).toBe("loaded (stderr)\n");
    expect(r.stdout).toBe("loaded (stdout)\n100\n");
    expect(r.status).toBe(0);
  });

  it("a chain of 20000 options evaluates, its output printed once", () => {
    const r = chain(20000);
    expect(r.stderr).toBe("loaded (stderr)\n");
    expect(r.stdout).toBe("loaded (stdout)\n20000\n");
    expect(r.status).toBe(0);
  });

  it("overflows the default stack: with no deeper stack to be had, it is the stack overflow error", () => {
    // NIXMOD_DEFAULT_STACK=1: the process run again does not raise its stack either.
    const r = chain(20000, { NIXMOD_DEFAULT_STACK: "1" });
    expect(r.stdout).toBe("loaded (stdout)\n");
    expect(r.stderr).toMatch(
      /^loaded \(stderr\)\nerror: stack overflow while evaluating the option `chain\.o\d+' \(the value is nested too deeply, or depends on itself through a function\)\n$/,
    );
    expect(r.status).toBe(1);
  });
});
