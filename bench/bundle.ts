/**
 * The benchmark's bundles: an entry of bench/ bundled with esbuild into a CommonJS script,
 * bench/.build/<entry>.cjs, and a start file, bench/.build/<entry>.start.cjs, that loads it
 * with V8's code cache as the nixmod command loads its own bundle (bin/compile-cache.cjs).
 * A measured process so runs JavaScript, without TypeScript compilation, and starts as the
 * command does.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { commonJsOptions, esBuilds } from "../scripts/bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundle `bench/<entry>.ts`; returns the path of its start file. */
export async function bundle(entry: string): Promise<string> {
  const outfile = join(root, `bench/.build/${entry}.cjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, `bench/${entry}.ts`)],
    bundle: true,
    platform: "node",
    ...commonJsOptions,
    target: "node20",
    outfile,
    logLevel: "warning",
    plugins: [esBuilds(root)],
  });
  const start = join(root, `bench/.build/${entry}.start.cjs`);
  writeFileSync(
    start,
    `"use strict";\nrequire("../../bin/compile-cache.cjs").requireCached(require.resolve("./${entry}.cjs"));\n`,
  );
  return start;
}
