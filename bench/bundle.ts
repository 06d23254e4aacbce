/**
 * The benchmark's bundles: an entry of bench/ bundled with esbuild into bench/.build/<entry>.mjs,
 * so that a measured process runs JavaScript, without TypeScript compilation.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * fp-ts and io-ts as ES modules (their `es6` builds), as a bundler resolving `fp-ts/Either`
 * would pick them: the source imports their CommonJS builds (`fp-ts/lib/Either.js`, the only
 * ones Node's own ES module loader resolves), which a bundle can only include whole (fp-ts's
 * array modules and all, 220 kB to load at start-up instead of 40 kB).
 */
const esBuilds: Plugin = {
  name: "fp-ts-es6",
  setup(b) {
    b.onResolve({ filter: /^fp-ts\/lib\/[\w.]+$/ }, (a) => ({
      path: join(
        root,
        "node_modules/fp-ts/es6",
        a.path.slice("fp-ts/lib/".length).replace(/(\.js)?$/, ".js"),
      ),
    }));
    b.onResolve({ filter: /^io-ts$/ }, () => ({ path: join(root, "node_modules/io-ts/es6/index.js") }));
  },
};

/** Bundle `bench/<entry>.ts`; returns the path of the bundle. */
export async function bundle(entry: string): Promise<string> {
  const outfile = join(root, `bench/.build/${entry}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, `bench/${entry}.ts`)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "warning",
    plugins: [esBuilds],
    // Bundled CommonJS dependencies may call require.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return outfile;
}
