/**
 * A micro benchmark of the engine alone (not part of `npm run bench`): N instances of a
 * submodule with K options (strings and lists, with defaults), three of them defined per
 * instance, every value read. Prints the time per instance.
 *
 *   npx esbuild bench/submodules.ts --bundle --platform=node --format=esm --outfile=/tmp/sub.mjs && node /tmp/sub.mjs 3000 15
 */
import { performance } from "node:perf_hooks";
import { evalModules } from "../src/lib/evaluation.js";
import { mkOption } from "../src/lib/options.js";
import { toJsonValue } from "../src/tools/render-json.js";
import { types } from "../src/types/index.js";

const n = Number(process.argv[2] ?? 3000);
const k = Number(process.argv[3] ?? 15);
const itemOptions: Record<string, unknown> = {};
for (let j = 0; j < k; j++) {
  itemOptions[`o${j}`] =
    j % 2 === 0
      ? mkOption({ type: types.str, default: `d${j}`, description: `option ${j}` })
      : mkOption({ type: types.listOf(types.str), default: [], description: `option ${j}` });
}
const items: Record<string, unknown> = {};
for (let i = 0; i < n; i++) items[`i${i}`] = { o0: `v${i}`, o1: [`a${i}`], o2: "x" };

const t0 = performance.now();
const { config } = evalModules({
  modules: [
    {
      options: {
        items: mkOption({ type: types.attrsOf(types.submodule({ options: itemOptions })), default: {} }),
      },
    },
    { config: { items } },
  ],
});
const json = toJsonValue(config.items) as Record<string, unknown>;
const ms = performance.now() - t0;
process.stdout.write(
  `${Object.keys(json).length} instances x ${k} options: ${ms.toFixed(0)} ms, ${((1000 * ms) / n).toFixed(1)} µs per instance\n`,
);
