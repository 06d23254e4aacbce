// The package's bundles (dist/bundle), made by `npm run build`: the nixmod command and the
// library's two entry points in one esbuild build with shared chunks. The command then starts
// from a handful of files instead of some sixty TypeScript sources compiled on the fly, and a
// module it loads that imports "nixmod" (export condition "nixmod-bundle") gets the very
// engine the command runs, not a second copy.
import { rmSync } from "node:fs";
import process from "node:process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * fp-ts and io-ts as ES modules (their `es6` builds), as a bundler resolving `fp-ts/Either`
 * would pick them: the sources import their CommonJS builds (`fp-ts/lib/Either.js`, the only
 * ones Node's own ES module loader resolves), which a bundle can only include whole (fp-ts's
 * array modules and all, 220 kB to load at start-up instead of 40 kB).
 */
export function esBuilds(root = packageRoot) {
  return {
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
}

/** Bundled CommonJS dependencies may call `require`: an ES module has none of its own. */
export const requireBanner =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/** The directory of the bundles. */
export const bundleDir = join(packageRoot, "dist", "bundle");

/** Build dist/bundle: `cli.js`, `index.js` and `modules.js`, and the chunks they share. */
export async function bundleDist() {
  rmSync(bundleDir, { recursive: true, force: true });
  await build({
    entryPoints: {
      cli: join(packageRoot, "src/cli/main.ts"),
      index: join(packageRoot, "src/index.ts"),
      modules: join(packageRoot, "src/modules/index.ts"),
    },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: bundleDir,
    logLevel: "warning",
    plugins: [esBuilds()],
    // tsx is registered at run time, and only when a module written in TypeScript is loaded;
    // "nixmod" is what a module file's import of it resolves to when the command runs.
    external: ["tsx", "tsx/*", "nixmod", "nixmod/*"],
    banner: { js: requireBanner },
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleDist();
}
