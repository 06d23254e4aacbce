#!/usr/bin/env node
// The nixmod command: runs the TypeScript CLI through tsx so that user modules
// written in TypeScript load without a build step. The `nixmod-source`
// condition makes `import ... from "nixmod"` in those modules resolve to the
// same TypeScript sources the CLI runs, so there is one copy of the engine.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, "..", "src", "cli", "main.ts");
// tsx's loader, resolved from this package (not from the user's directory).
const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
const tsx = pathToFileURL(join(tsxDir, "dist", "loader.mjs")).href;
const r = spawnSync(process.execPath, ["--conditions=nixmod-source", "--import", tsx, main, ...process.argv.slice(2)], {
  stdio: "inherit",
  cwd: process.cwd(),
});
process.exit(r.status ?? 1);
