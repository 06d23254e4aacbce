/**
 * One process of the benchmark's floor (bench/floor.ts): the output of bench/run.ts for N
 * containers (argv[2]) computed without the module system. Prints a one-line JSON summary
 * in run.ts's form.
 */
import { floorOutput } from "./floor.js";

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 0) {
  process.stderr.write("usage: run-floor N\n");
  process.exit(2);
}

const { services, texts } = floorOutput(n);
let textChars = 0;
for (const text of Object.values(texts)) textChars += text.length;
const hook =
  n > 0
    ? (services["podman-c0"] as { serviceConfig: { ExecStartPre: unknown } }).serviceConfig.ExecStartPre
    : null;
process.stdout.write(
  JSON.stringify({
    n,
    services: Object.keys(services).length,
    units: Object.keys(texts).length,
    textChars,
    hook,
  }) + "\n",
);
