/** What the `options` and `explain` commands share: printing, errors, and the NixOS evaluation. */
import { EvalError, formatNixError, renderError } from "../lib/errors.js";
import { evalModules, type Evaluation } from "../lib/evaluation.js";
import { LoadError, loadModuleFiles } from "../lib/loader.js";
import type { Module } from "../lib/module-types.js";
import { defaultModules } from "../modules/index.js";
import { makePkgs } from "../modules/pkgs.js";

export const out = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : s + "\n");
export const err = (s: string): void => void process.stderr.write(s + "\n");

/** Print an error Nix-style; with --show-trace also the JavaScript stack. */
export function reportError(e: unknown, showTrace: boolean): void {
  const internal = !(e instanceof EvalError || e instanceof LoadError);
  err(
    internal
      ? formatNixError(`internal error: ${e instanceof Error ? e.message : String(e)}`)
      : renderError(e, showTrace),
  );
  if (showTrace && e instanceof Error && e.stack) err(e.stack);
  else if (internal) err("(use --show-trace to see the JavaScript stack)");
}

/** The NixOS base and oci-containers modules with the given module files, evaluated. */
export async function evalNixosFiles(files: readonly string[]): Promise<Evaluation> {
  const modules = await loadModuleFiles([...files]);
  return evalModules({
    modules: [...(defaultModules as readonly Module[]), ...modules],
    specialArgs: { pkgs: makePkgs() },
  });
}

/** A usage error: message and usage on stderr, exit status 2. */
export function usageError(message: string, usage: string): number {
  err(`nixmod: ${message}`);
  err(`usage:\n${usage}`);
  return 2;
}
