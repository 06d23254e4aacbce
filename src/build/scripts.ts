/**
 * What the trivial builders put in the store: the file a registered script becomes, with the
 * layout nixpkgs' `pkgs/build-support/trivial-builders` gives it (ported, not copied).
 *
 * - writeText name text: the store path IS the file; not executable; contents = text.
 * - writeShellScriptBin name text: `<out>/bin/<name>`, executable;
 *   contents = `#!<runtimeShell>\n<text>\n`. Build check: `bash -n -O extglob` (stdenv.shellDryRun).
 * - writeShellApplication { name, text, runtimeInputs }: `<out>/bin/<name>`, executable;
 *   contents = `#!<runtimeShell>\n`, one `set -o <opt>\n` for errexit, nounset and pipefail,
 *   then (only when runtimeInputs is not empty) `\nexport PATH="<makeBinPath runtimeInputs>:$PATH"\n`,
 *   then `\n<text>\n`. Build checks: `bash -n -O extglob`, then `shellcheck` with no flags
 *   besides `--exclude <excludeShellChecks joined by ",">` and `extraShellCheckFlags`.
 *
 * runtimeShell: NixOS's is `${pkgs.bash}/bin/bash`. Our package set has no bash, so it stands
 * for the store path the package set's scheme gives a package named `bash-5.2-p15` (the bash of
 * nixpkgs in mid-2023): `storePath("package", "bash-5.2-p15", "")` + `/bin/bash`, exactly as
 * `pkgs.coreutils` is `storePath("package", "coreutils-9.3", "")`. The path does not exist on
 * the build machine; shellcheck reads only its base name (`bash`) to pick the dialect.
 */
import { makeBinPath } from "../lib/nix/strings.js";
import { storePath, type BuiltScript } from "../modules/pkgs.js";

/** The bash package runtimeShell belongs to (see the file comment). */
export const BASH_PACKAGE = "bash-5.2-p15";

/** `pkgs.runtimeShell`. */
export const runtimeShell = `${storePath("package", BASH_PACKAGE, "")}/bin/bash`;

/** writeShellApplication's default `bashOptions`. */
export const WRITE_SHELL_APPLICATION_OPTIONS = ["errexit", "nounset", "pipefail"] as const;

/** The builders `nixmod build` knows how to build. */
export const BUILDABLE_KINDS = ["writeText", "writeShellScriptBin", "writeShellApplication"] as const;

/** How a built script is checked, as nixpkgs' builder checks it. */
export interface ScriptChecks {
  /** `bash -n -O extglob` (stdenv.shellDryRun) on the file. */
  dryRun: boolean;
  /** shellcheck flags (null: no shellcheck). */
  shellcheck: string[] | null;
}

/** One file of the store: where it is, its mode, its contents. */
export interface StoreFile {
  /** The store path (`/nix/store/<hash>-<name>`). */
  outPath: string;
  /** The file's absolute path on the target machine (outPath + destination). */
  path: string;
  executable: boolean;
  contents: string;
  checks: ScriptChecks;
  script: BuiltScript;
}

export class UnknownBuilderError extends Error {}

/** The file a registered script becomes. */
export function storeFile(script: BuiltScript): StoreFile {
  const { kind, text, outPath } = script;
  const destination = script.destination ?? (kind === "writeText" ? "" : `/bin/${script.name}`);
  const path = outPath + destination;
  switch (kind) {
    case "writeText":
      return {
        outPath,
        path,
        executable: false,
        contents: text,
        checks: { dryRun: false, shellcheck: null },
        script,
      };
    case "writeShellScriptBin":
      return {
        outPath,
        path,
        executable: true,
        contents: `#!${runtimeShell}\n${text}\n`,
        checks: { dryRun: true, shellcheck: null },
        script,
      };
    case "writeShellApplication": {
      const inputs = script.runtimeInputs ?? [];
      const contents =
        `#!${runtimeShell}\n` +
        WRITE_SHELL_APPLICATION_OPTIONS.map((o) => `set -o ${o}\n`).join("") +
        (inputs.length !== 0 ? `\nexport PATH="${makeBinPath(inputs)}:$PATH"\n` : "") +
        `\n${text}\n`;
      const exclude = script.excludeShellChecks ?? [];
      const flags = [
        ...(exclude.length !== 0 ? ["--exclude", exclude.join(",")] : []),
        ...(script.extraShellCheckFlags ?? []),
      ];
      return {
        outPath,
        path,
        executable: true,
        contents,
        checks: { dryRun: true, shellcheck: flags },
        script,
      };
    }
    default:
      throw new UnknownBuilderError(
        `nixmod build does not know how to build ${outPath}: its builder '${kind}' is not one of ${BUILDABLE_KINDS.join(", ")}`,
      );
  }
}
