/**
 * `nixmod build [--show-trace] [--quiet] MODULE... --out DIR`: write what NixOS would put on the
 * machine (units under DIR/etc/systemd/system, scripts under DIR/nix/store), checked with
 * shellcheck, bash -n and systemd-analyze verify (see src/build). Progress and a summary go
 * to stderr. Exit status: 0 built, 1 evaluation/load error or failed check (DIR untouched),
 * 2 usage error.
 */
import { parseArgs } from "node:util";
import { formatNixError, setEvalErrorStackDepth } from "../lib/errors.js";
import { loadModuleFiles } from "../lib/loader.js";
import { IMPORT_ROOT_OPTION, loadOptions, reportError } from "./common.js";
import { build, BuildError } from "../build/index.js";
import { CheckFailedError } from "../build/index.js";

export const BUILD_USAGE =
  "  nixmod build [--show-trace] [--quiet] MODULE... --out DIR   write units and scripts under DIR, checked";

const err = (s: string): void => void process.stderr.write(s + "\n");

export async function cmdBuild(argv: string[]): Promise<number> {
  let values: { out?: string; "show-trace"?: boolean; quiet?: boolean; "import-root"?: string[] };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        out: { type: "string", short: "o" },
        "show-trace": { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        ...IMPORT_ROOT_OPTION,
      },
      allowPositionals: true,
    }));
  } catch (e) {
    err(`nixmod: ${(e as Error).message}`);
    err(`usage:\n${BUILD_USAGE}`);
    return 2;
  }
  const problem =
    positionals.length === 0
      ? "build needs at least one module file"
      : values.out === undefined || values.out === ""
        ? "build needs --out DIR"
        : null;
  if (problem !== null) {
    err(`nixmod: ${problem}`);
    err(`usage:\n${BUILD_USAGE}`);
    return 2;
  }
  const showTrace = values["show-trace"] ?? false;
  if (showTrace) setEvalErrorStackDepth(12);
  const quiet = values.quiet ?? false;
  const log = (line: string): void => {
    if (!quiet || line.startsWith("warning:") || line.startsWith("trace:"))
      err(line.startsWith("trace:") ? line : `nixmod build: ${line}`);
  };
  try {
    const modules = await loadModuleFiles(positionals, loadOptions(values));
    await build({ modules, out: values.out!, log });
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
