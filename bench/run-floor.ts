/**
 * One process of the benchmark's floor (bench/floor.ts): the output of bench/run.ts for N
 * containers (argv[2]) computed without the module system. Prints a one-line JSON summary
 * in run.ts's form.
 */
import { floorOutput } from "./floor.js";
import { containerCount, printSummary } from "./summary.js";

const n = containerCount("run-floor");
const { services, texts } = floorOutput(n);
let textChars = 0;
for (const text of Object.values(texts)) textChars += text.length;
printSummary(n, services, Object.keys(texts).length, textChars);
