"use strict";
// Which program the nixmod command runs: its bundle, or its TypeScript sources through tsx.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join, resolve, sep } = require("node:path");
const { pathToFileURL } = require("node:url");

/** The latest modification time of the files under `dir`. */
function newestUnder(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return newest;
}

/**
 * Is the bundle of the package at `root` (dist/bundle/cli.cjs) there and made from its
 * sources as they are, and not refused by NIXMOD_FROM_SOURCE=1? An installed package (in a
 * `node_modules` directory) came with its bundle; in a checkout, no file under src/ may be
 * newer than it.
 */
function bundleIsCurrent(root, env) {
  const bundle = join(root, "dist", "bundle", "cli.cjs");
  if (env.NIXMOD_FROM_SOURCE === "1" || !existsSync(bundle)) return false;
  if (resolve(root).split(sep).includes("node_modules")) return true;
  const src = join(root, "src");
  return !existsSync(src) || statSync(bundle).mtimeMs >= newestUnder(src);
}

/**
 * The Node.js arguments (before the command's own) that run the command of the package at
 * `root` in a process of its own (bin/nixmod.js): its bundle's `cli.cjs` with the
 * `nixmod-bundle` export condition; or, when the bundle is not current, the sources through
 * tsx with the `nixmod-source` condition. Either way a module's `import ... from "nixmod"`
 * resolves to the engine the command runs.
 */
function cliCommand(root, env) {
  if (bundleIsCurrent(root, env)) {
    return { args: ["--conditions=nixmod-bundle", join(root, "dist", "bundle", "cli.cjs")] };
  }
  // tsx's loader, resolved from this package (not from the user's directory).
  const tsxDir = dirname(createRequire(join(root, "package.json")).resolve("tsx/package.json"));
  const tsx = pathToFileURL(join(tsxDir, "dist", "loader.mjs")).href;
  return { args: ["--conditions=nixmod-source", "--import", tsx, join(root, "src", "cli", "main.ts")] };
}

module.exports = { bundleIsCurrent, cliCommand };
