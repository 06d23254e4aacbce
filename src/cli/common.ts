/** What the `options` and `explain` commands share: printing, errors, and the NixOS evaluation. */
import { EvalError, renderError, renderException, renderHints } from "../lib/errors.js";
import { evalModules, type Evaluation } from "../lib/evaluation.js";
import { LoadError, loadModuleFiles, type LoadOptions } from "../loader/loader.js";
import { describeException } from "../lib/user-exception.js";
import { revisionInForce } from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";
import type { FlagTable, ParsedArgs } from "./flags.js";

export const out = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : s + "\n");
/** Terminal colours and other escapes in a message (the 2025-06 lib colours some of its own). */
// eslint-disable-next-line no-control-regex -- the escape character is what is looked for
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * A line on stderr. As Nix does, colours reach only a terminal: written elsewhere (a file, a
 * pipe, a CI log) the escapes are left out.
 */
export const err = (s: string): void =>
  void process.stderr.write((process.stderr.isTTY === true ? s : s.replace(ANSI_ESCAPE, "")) + "\n");

/**
 * Print an error Nix-style; with --show-trace also the JavaScript stack. A JavaScript
 * exception (not an evaluation or load error) is printed with the option and the file whose
 * evaluation threw it (see renderException).
 */
export function reportError(e: unknown, showTrace: boolean, config?: unknown): void {
  const exception = !(e instanceof EvalError || e instanceof LoadError);
  const internal = exception && describeException(e).internal;
  const shown = exception ? renderException(e, config) : renderError(e, showTrace);
  err(shown);
  const hints = renderHints(e);
  if (hints !== "") err(hints);
  for (const note of bundledFileNotes(shown)) err(`       ${note}`);
  // (The stack's frames only: its first line is the message, printed above already.)
  const frames = e instanceof Error && e.stack ? e.stack.split("\n").filter((l) => /^\s+at /.test(l)) : [];
  if (showTrace && frames.length > 0) err(`JavaScript stack:\n${frames.join("\n")}`);
  else if (internal) {
    err("(a JavaScript exception thrown by nixmod itself: --show-trace shows its stack)");
  }
}

/**
 * What the bundled modules' files are, for each that `text` names: messages name them as the
 * reference evaluation that the conformance cases come from names its files
 * (`oci-containers.nix', `nixos-base.nix'), which are nixmod's TypeScript modules here.
 */
export function bundledFileNotes(text: string): string[] {
  const notes: string[] = [];
  if (text.includes("oci-containers.nix")) {
    const name = revisionInForce().name;
    notes.push(
      `(\`oci-containers.nix' is nixmod's oci-containers module, revision ${name}: nixmod:src/modules/virtualisation/oci-containers/${name}.ts)`,
    );
  }
  if (text.includes("nixos-base.nix")) {
    notes.push(
      "(`nixos-base.nix' is nixmod's small NixOS base: nixmod:src/modules/nixos-base.ts and the modules it names)",
    );
  }
  return notes;
}

/**
 * `--import-root DIR` (any number of times), of every command that loads module files: a
 * directory JSON and YAML modules may import from, besides those of the module files given.
 */
export const importRootFlag: FlagTable = {
  "import-root": {
    type: "string",
    multiple: true,
    value: "DIR",
    description: "a directory JSON/YAML modules may import from, besides the MODULE files' own (any number)",
  },
};

/** The loader's options for the values of importRootFlag. */
export const loadOptions = (values: ParsedArgs["values"]): LoadOptions => ({
  importRoots: (values["import-root"] as string[] | undefined) ?? [],
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
