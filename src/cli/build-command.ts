/**
 * `nixmod build [--show-trace] [--quiet] MODULE... --out DIR`: write what NixOS would put on the
 * machine (units under DIR/etc/systemd/system, scripts under DIR/nix/store), checked with
 * shellcheck, bash -n and systemd-analyze verify (see src/build). Progress and a summary go
 * to stderr. Exit status: 0 built, 1 evaluation/load error or failed check (DIR untouched),
 * 2 usage error.
 */
import { formatNixError, setEvalErrorStackDepth } from "../lib/errors.js";
import { loadModuleFiles } from "../loader/loader.js";
import { err, importRootFlag, loadOptions, reportError } from "./common.js";
import { build, BuildError } from "../build/index.js";
import { CheckFailedError } from "../build/index.js";
import { UsageError, type Command, type ParsedArgs } from "./flags.js";

async function runBuild({ values, positionals }: ParsedArgs): Promise<number> {
  if (positionals.length === 0) throw new UsageError("build needs at least one module file");
  if (typeof values.out !== "string" || values.out === "") throw new UsageError("build needs --out DIR");
  const showTrace = values["show-trace"] === true;
  if (showTrace) setEvalErrorStackDepth(12);
  const quiet = values.quiet === true;
  const log = (line: string): void => {
    if (!quiet || line.startsWith("warning:") || line.startsWith("trace:"))
      err(line.startsWith("trace:") ? line : `nixmod build: ${line}`);
  };
  try {
    const modules = await loadModuleFiles([...positionals], loadOptions(values));
    await build({ modules, out: values.out, log });
    return 0;
  } catch (e) {
    if (e instanceof CheckFailedError || e instanceof BuildError) {
      err(formatNixError(e.message));
    } else {
      reportError(e, showTrace);
    }
    return 1;
  }
}

export const buildCommand: Command = {
  name: "build",
  summary: "write units and scripts under DIR, checked",
  usage: ["build [--show-trace] [--quiet] MODULE... --out DIR"],
  details:
    "Writes what NixOS would put on the machine: unit files under DIR/etc/systemd/system, scripts\n" +
    "under DIR/nix/store, each checked first (shellcheck, bash -n, systemd-analyze verify when\n" +
    "installed); DIR is written only when every check passes. See docs/build.md.",
  flags: {
    out: {
      type: "string",
      short: "o",
      value: "DIR",
      description: "where the tree goes (replaced only if empty or an earlier build)",
    },
    quiet: { type: "boolean", short: "q", description: "print only warnings and errors" },
    "show-trace": {
      type: "boolean",
      description: "show how evaluation got to an error, and the JavaScript stack",
    },
    ...importRootFlag,
  },
  examples: ["nixmod build host.ts --out result"],
  run: runBuild,
  reportsProgress: true,
};
