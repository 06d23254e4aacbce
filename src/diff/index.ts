/**
 * `nixmod/diff`: what switching from one configuration to another does to the machine, unit by
 * unit, by NixOS's rules (docs/diff.md). From two evaluations, two module lists, two trees
 * `nixmod build` wrote, or module files at a git revision and as they are now.
 */
import { resolve } from "node:path";
import { loadModuleFiles, type LoadOptions } from "../loader/loader.js";
import type { Module } from "../lib/module-types.js";
import type { RevisionName } from "../modules/revisions.js";
import { evaluateHostFiles, hostFilesOfEvaluation, type HostEvaluation } from "./evaluated-host.js";
import { filesAtRevision } from "./git-revision.js";
import { diffHosts, type HostDiff } from "./host-diff.js";
import { readBuildTree, type HostFiles } from "./host-files.js";

export {
  diffHosts,
  type HostDiff,
  type UnitReport,
  type UnitChange,
  type LinkChange,
  type ScriptReport,
} from "./host-diff.js";
export {
  decideSwitch,
  ACTIONS,
  ASSUMPTIONS,
  type Action,
  type IndirectEffect,
  type SwitchDecisions,
} from "./switch-plan.js";
export { hostFilesOf, readBuildTree, isBuildTree, DiffInputError, type HostFiles } from "./host-files.js";
export { evaluateHostFiles, hostFilesOfEvaluation, type HostEvaluation } from "./evaluated-host.js";
export { filesAtRevision, type FilesAtRevision } from "./git-revision.js";
export { parseUnit, unitBool, type UnitInfo } from "./unit-file.js";
export { compareUnits, IGNORED_UNIT_KEYS, type UnitComparison } from "./compare-units.js";
export { containerRun, type ContainerRun } from "./container-run.js";
export type { ContainerReport } from "./container-changes.js";
export { unifiedDiff } from "./line-diff.js";
export { renderDiff, type RenderOptions } from "./render-text.js";
export { diffJson, HostDiffJson } from "./diff-json.js";

/** The plan from two evaluations (each its config and the package set it was evaluated with). */
export const diffEvaluations = (old: HostEvaluation, next: HostEvaluation): HostDiff =>
  diffHosts(hostFilesOfEvaluation(old), hostFilesOfEvaluation(next));

export interface DiffModulesOptions {
  /** The revision of the bundled modules for the new side (default: the one in force). */
  readonly revision?: RevisionName;
  /** The old side's revision (default: the new side's). */
  readonly oldRevision?: RevisionName;
}

/**
 * Evaluate two module lists with the bundled NixOS base and oci-containers module, as `nixmod
 * build` does, and give the plan of switching from the first to the second.
 */
export function diffModules(
  old: readonly Module[],
  next: readonly Module[],
  options: DiffModulesOptions = {},
): HostDiff {
  return diffHosts(
    evaluateHostFiles(old, options.oldRevision ?? options.revision),
    evaluateHostFiles(next, options.revision),
  );
}

/** The plan of switching from one tree `nixmod build` wrote to another. */
export const diffTrees = (oldDir: string, newDir: string): HostDiff =>
  diffHosts(readBuildTree(oldDir), readBuildTree(newDir));

export interface DiffGitOptions extends DiffModulesOptions, LoadOptions {
  /** Where the paths are relative to, in the repository (default: the working directory). */
  readonly cwd?: string;
}

/**
 * What the module files as they were at git revision `rev` (and the files they name, at that
 * revision too) put on the machine, and the commit `rev` names.
 */
export async function hostFilesAtRevision(
  rev: string,
  files: readonly string[],
  options: DiffGitOptions = {},
): Promise<{ readonly host: HostFiles; readonly commit: string }> {
  const at = filesAtRevision(rev, files, { cwd: options.cwd, importRoots: options.importRoots });
  try {
    const modules = await loadModuleFiles(at.files, { importRoots: at.importRoots });
    return { host: evaluateHostFiles(modules, options.oldRevision ?? options.revision), commit: at.commit };
  } finally {
    at.remove();
  }
}

/**
 * The plan of switching from the module files as they were at git revision `rev` (and the
 * files they name, at that revision too) to the files as they are now.
 */
export async function diffGit(
  rev: string,
  files: readonly string[],
  options: DiffGitOptions = {},
): Promise<HostDiff> {
  const { host: old } = await hostFilesAtRevision(rev, files, options);
  const here = (p: string): string => (options.cwd === undefined ? p : resolve(options.cwd, p));
  const modules = await loadModuleFiles(files.map(here), {
    importRoots: (options.importRoots ?? []).map(here),
  });
  return diffHosts(old, evaluateHostFiles(modules, options.revision));
}
