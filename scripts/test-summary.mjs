// Prints the closing line of the test run in the plain form CI reads:
// "tests: N passed, M failed" (", K skipped" when some were), from vitest's JSON report.
import { readFileSync } from "node:fs";
import process from "node:process";

const file = process.argv[2] ?? ".vitest-results.json";
const r = JSON.parse(readFileSync(file, "utf8"));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
process.stdout.write(
  `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` +
    (skipped > 0 ? `, ${skipped} skipped` : "") +
    "\n",
);
process.exit(r.numFailedTests > 0 || r.numTotalTests === 0 ? 1 : 0);
