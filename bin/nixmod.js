#!/usr/bin/env node
// The nixmod command. It runs the command's bundle (dist/bundle/cli.cjs, made by `npm run
// build`), which starts in a fraction of the time the TypeScript sources take to load;
// a module file written in TypeScript gets its loader (tsx) when it is loaded. Where the
// bundle is missing or older than a file under src/ (a checkout being worked on), or
// NIXMOD_FROM_SOURCE=1 asks for it, it runs the TypeScript CLI through tsx instead.
// Either way `import ... from "nixmod"` in a module resolves to the engine the command
// runs (export conditions `nixmod-bundle` and `nixmod-source`, and for a module file outside
// the package, src/cli/module-setup.ts): there is one copy of it.
//
// Evaluation recurses as deep as the configuration does (an option reading
// another, reading another...). Where the shell can raise the process's stack
// limit, the CLI runs with a larger JavaScript stack to match, so deep
// configurations evaluate instead of stopping at V8's default of about 1 MB.
import { spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import process from "node:process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliCommand } from "./cli-entry.mjs";
import { nodeFlags } from "./node-flags.mjs";

// The command, never a module: imported (by a module file naming it, say), this file would
// start the command again, which would load that module again, and so on without end.
const self = fileURLToPath(import.meta.url);
let invoked = "";
try {
  invoked = realpathSync(process.argv[1] ?? "");
} catch {
  // (no such file: not this one)
}
if (invoked !== self) throw new Error(`${self} is the nixmod command, not a module: run it, do not import it`);

const { args, env } = cliCommand(join(dirname(fileURLToPath(import.meta.url)), ".."), process.env);
const nodeArgs = [...nodeFlags(), ...args, ...process.argv.slice(2)];

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
// The command runs in a child process. A signal this process gets is passed on to it (a
// build then removes its staging folder and lock: src/build/out-dir.ts), and the child's end
// is this process's: its exit status, or the same signal.
const child = spawn(raised[0], raised[1], { stdio: "inherit", cwd: process.cwd(), env: { ...process.env, ...env } });
const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
const forward = (signal) => {
  try {
    child.kill(signal);
  } catch {
    // (the child is gone already)
  }
};
for (const s of signals) process.on(s, forward);
child.on("exit", (code, signal) => {
  for (const s of signals) process.removeListener(s, forward);
  if (signal !== null) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
child.on("error", (e) => {
  process.stderr.write(`nixmod: cannot run ${raised[0]}: ${e.message}\n`);
  process.exit(1);
});
