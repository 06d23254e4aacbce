#!/usr/bin/env node
// The nixmod command: runs the TypeScript CLI through tsx so that user modules
// written in TypeScript load without a build step. The `nixmod-source`
// condition makes `import ... from "nixmod"` in those modules resolve to the
// same TypeScript sources the CLI runs, so there is one copy of the engine.
//
// Evaluation recurses as deep as the configuration does (an option reading
// another, reading another...). Where the shell can raise the process's stack
// limit, the CLI runs with a larger JavaScript stack to match, so deep
// configurations evaluate instead of stopping at V8's default of about 1 MB.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { nodeFlags } from "./node-flags.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, "..", "src", "cli", "main.ts");
// tsx's loader, resolved from this package (not from the user's directory).
const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
const tsx = pathToFileURL(join(tsxDir, "dist", "loader.mjs")).href;
const nodeArgs = [...nodeFlags(), "--conditions=nixmod-source", "--import", tsx, main, ...process.argv.slice(2)];

/** The stack (KB) to ask V8 for, given the soft limit the shell reports. */
const STACK_KB = 256 * 1024;
const raised =
  process.platform !== "win32" && existsSync("/bin/sh") && !process.env.NIXMOD_DEFAULT_STACK
    ? [
        "/bin/sh",
        [
          "-c",
          // Raise the soft limit if allowed, then give V8 nine tenths of what we got.
          `ulimit -s ${STACK_KB} 2>/dev/null || ulimit -s unlimited 2>/dev/null; ` +
            `s=$(ulimit -s); if [ "$s" = unlimited ]; then s=${STACK_KB}; fi; ` +
            `exec "$0" --stack-size=$((s * 9 / 10)) "$@"`,
          process.execPath,
          ...nodeArgs,
        ],
      ]
    : [process.execPath, nodeArgs];
const r = spawnSync(raised[0], raised[1], { stdio: "inherit", cwd: process.cwd() });
process.exit(r.status ?? 1);
