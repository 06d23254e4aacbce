/** What the `options` and `explain` commands share: printing, errors, and the NixOS evaluation. */
import { EvalError, renderError, renderException } from "../lib/errors.js";
import { evalModules, type Evaluation } from "../lib/evaluation.js";
import { LoadError, loadModuleFiles, type LoadOptions } from "../lib/loader.js";
import { revisionInForce } from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";

export const out = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : s + "\n");
export const err = (s: string): void => void process.stderr.write(s + "\n");

/**
 * Print an error Nix-style; with --show-trace also the JavaScript stack. A JavaScript
 * exception (not an evaluation or load error) is printed with the option and the file whose
 * evaluation threw it (see renderException).
 */
export function reportError(e: unknown, showTrace: boolean): void {
  const internal = !(e instanceof EvalError || e instanceof LoadError);
  err(internal ? renderException(e) : renderError(e, showTrace));
  if (showTrace && e instanceof Error && e.stack) err(e.stack);
  else if (internal) {
    err(
      "(a JavaScript exception, thrown by a module's code or by nixmod itself: --show-trace shows its stack)",
    );
  }
}

/**
 * `--import-root DIR` (any number of times), of every command that loads module files: a
 * directory JSON and YAML modules may import from, besides those of the module files given.
 */
export const IMPORT_ROOT_OPTION = { "import-root": { type: "string", multiple: true } } as const;
export const IMPORT_ROOT_USAGE =
  "  --import-root DIR (eval, build, options, explain: any number) a directory JSON/YAML modules may import from, besides the MODULE files' own";

/** The loader's options for the values of IMPORT_ROOT_OPTION. */
export const loadOptions = (values: { "import-root"?: string[] }): LoadOptions => ({
  importRoots: values["import-root"] ?? [],
});

/** The NixOS base and oci-containers modules with the given module files, evaluated. */
export async function evalNixosFiles(
  files: readonly string[],
  options: LoadOptions = {},
): Promise<Evaluation> {
  const modules = await loadModuleFiles([...files], options);
  return evalModules({
    modules: [...revisionInForce().modules, ...modules],
    specialArgs: { pkgs: makePkgs() },
  });
}

/** A usage error: message and usage on stderr, exit status 2. */
export function usageError(message: string, usage: string): number {
  err(`nixmod: ${message}`);
  err(`usage:\n${usage}`);
  return 2;
}
