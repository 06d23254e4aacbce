#!/usr/bin/env node
"use strict";
// The nixmod command. It runs the command's bundle (dist/bundle/nixmod.cjs, made by `npm run
// build`) in this process, loaded with V8's code cache (bin/compile-cache.cjs); a TypeScript
// module file is compiled to CommonJS and cached by its text (src/cli/code-modules.ts). Where
// the bundle is missing or older than a file under src/ (a checkout being worked on), or
// NIXMOD_FROM_SOURCE=1 asks for it, it runs the TypeScript CLI through tsx in a child process
// instead. Either way `import ... from "nixmod"` in a module resolves to the engine the command
// runs (src/cli/module-setup.ts): there is one copy of it.
//
// Evaluation recurses as deep as the configuration does (an option reading another, reading
// another...). This process has V8's default stack, about 1 MB: a command that runs out of it
// (it says so; its output is held back until it ends: src/cli/command.ts `run`) runs again in
// a child process with as large a stack as the shell can give, as does, from the start, a
// command that reports progress as it goes (build). So deep configurations evaluate, and the
// others do not pay for starting a second Node process.
//
// This file is CommonJS (bin/package.json), as are the files it loads: Node starts a script
// some 8 ms sooner than an ES module, which sets up its ES module loader first.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { bundleIsCurrent, cliCommand } = require("./cli-entry.cjs");
const { nodeFlags, setRuntimeFlags } = require("./node-flags.cjs");

// The command, never a module: imported (by a module file naming it, say), this file would
// start the command again, which would load that module again, and so on without end. It is
// the process's main module only when run; and it leaves Node's module cache, so that a
// `require` or `import` of it runs it again, to be refused here.
if (require.main !== module) {
  throw new Error(`${__filename} is the nixmod command, not a module: run it, do not import it`);
}
delete require.cache[__filename];

const root = join(__dirname, "..");
/** Can a child process have a deeper stack? Only where the shell can raise the limit, and not if NIXMOD_DEFAULT_STACK says no. */
const deeperStack =
  process.platform !== "win32" && existsSync("/bin/sh") && !process.env.NIXMOD_DEFAULT_STACK;
(bundleIsCurrent(root, process.env) ? runHere() : Promise.resolve("needs another process")).then(
  (outcome) => {
    if (outcome !== "done") runInChild();
  },
);

/** Run the command in this process, from its bundle: "done", or "needs a deeper stack". */
function runHere() {
  const { requireCached, markUsed } = require("./compile-cache.cjs");
  const flags = setRuntimeFlags();
  const bundle = join(root, "dist", "bundle", "nixmod.cjs");
  const engine = requireCached(bundle, process.env, flags, { untilUsed: true });
  return engine
    .runCommand((specifier) => import(specifier), { shallowStack: deeperStack })
    .then((outcome) => {
      // (The code cache's entry holds what a command compiles: not what `--help` alone compiled.)
      if (engine.commandRan()) markUsed(bundle);
      return outcome;
    });
}

/**
 * Run the command in a child process: from its bundle (dist/bundle/cli.cjs) or its sources,
 * with Node's flags for the command (bin/node-flags.mjs) and, where the shell can raise the
 * process's stack limit, a JavaScript stack to match. A signal this process gets is passed on
 * to it (a build then removes its staging folder and lock: src/build/out-dir.ts), and the
 * child's end is this process's: its exit status, or the same signal.
 */
function runInChild() {
  const { spawn } = require("node:child_process");
  const { args } = cliCommand(root, process.env);
  const nodeArgs = [...nodeFlags(), ...args, ...process.argv.slice(2)];
  /** The stack (KB) to ask V8 for, given the soft limit the shell reports. */
  const STACK_KB = 256 * 1024;
  const raised = deeperStack
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
  const child = spawn(raised[0], raised[1], {
    stdio: "inherit",
    cwd: process.cwd(),
    env: process.env,
  });
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
}
