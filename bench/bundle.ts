/**
 * The benchmark's bundles: an entry of bench/ bundled with esbuild into bench/.build/<entry>.mjs,
 * so that a measured process runs JavaScript, without TypeScript compilation.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { esBuilds, requireBanner } from "../scripts/bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

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
    plugins: [esBuilds(root)],
    banner: { js: requireBanner },
  });
  return outfile;
}
