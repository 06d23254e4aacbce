/**
 * Instructions executed by one benchmark process (not part of `npm run bench`): a steadier
 * measure of a code change than wall time on a shared machine, where the same code moves by
 * ±15 % between runs. The process runs bench/run.ts (bundled, as the benchmark runs it)
 * under valgrind's cachegrind with the nixmod command's flags and `--single-threaded` (so
 * that compiling and collecting garbage happen at the same points in every run): repeated
 * runs of the same code agree within about 0.5 %. Needs valgrind (`apt-get install valgrind`);
 * it runs about fifty times slower than the process itself.
 *
 *   npx tsx bench/instructions.ts [N=600] [RUNS=1]
 *
 * To compare two commits, run it in a worktree of each.
 */
import { spawnSync } from "node:child_process";
import { nodeFlags } from "../bin/node-flags.cjs";
import { bundle } from "./bundle.js";

const n = Number(process.argv[2] ?? 600);
const runs = Number(process.argv[3] ?? 1);
if (!Number.isInteger(n) || n < 0 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write("usage: instructions [N] [RUNS]\n");
  process.exit(2);
}

const entry = await bundle("run");
for (let i = 0; i < runs; i++) {
  const r = spawnSync(
    "valgrind",
    [
      "--tool=cachegrind",
      "--cache-sim=no",
      "--cachegrind-out-file=/dev/null",
      // V8 writes the machine code it runs: valgrind must look for changed code.
      "--smc-check=all-non-file",
      process.execPath,
      ...nodeFlags(),
      "--single-threaded",
      entry,
      String(n),
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (r.error || r.status !== 0) {
    process.stderr.write(`valgrind failed: ${r.error?.message ?? r.stderr.slice(-2000)}\n`);
    process.exit(1);
  }
  const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr)?.[1];
  if (refs === undefined) {
    process.stderr.write(`no instruction count in valgrind's output:\n${r.stderr.slice(-2000)}\n`);
    process.exit(1);
  }
  const count = Number(refs.replaceAll(",", ""));
  process.stdout.write(`N=${n}: ${(count / 1e9).toFixed(3)} G instructions\n`);
}
