/**
 * The host files of an evaluation: what `nixmod build` would write for it (planTree), without
 * writing it or running its checks, read as a switch reads a system (host-files.ts).
 */
import { evaluateHost } from "../build/index.js";
import { planTree } from "../build/tree.js";
import { activeLibRevision, withLibRevision } from "../lib/lib-revision.js";
import type { Module } from "../lib/module-types.js";
import { thrownReading } from "../lib/user-exception.js";
import type { Pkgs } from "../modules/pkgs.js";
import { revisionInForce, revisionNamed, type RevisionName } from "../modules/revisions.js";
import { hostFilesOf, type HostFiles } from "./host-files.js";

/** An evaluated host: its config and the package set it was evaluated with (which knows its scripts). */
export interface HostEvaluation {
  readonly config: Record<string, any>;
  readonly pkgs: Pkgs;
  /** The revision it was evaluated with (default: the one whose lib is in force). */
  readonly revision?: RevisionName;
}

/** What `nixmod build` would write for an evaluation, as host files. */
export function hostFilesOfEvaluation(evaluation: HostEvaluation): HostFiles {
  const lib =
    evaluation.revision === undefined ? activeLibRevision() : revisionNamed(evaluation.revision).lib;
  return withLibRevision(lib, () => {
    try {
      return hostFilesOf(planTree(evaluation.config, evaluation.pkgs).entries);
    } catch (e) {
      throw thrownReading(e, evaluation.config);
    }
  });
}

/**
 * Evaluate `modules` with the bundled NixOS base and oci-containers module of `revision` (the
 * one in force unless given), as `nixmod build` does, and give what it would write.
 */
export function evaluateHostFiles(modules: readonly Module[], revision?: RevisionName): HostFiles {
  const r = revision === undefined ? revisionInForce() : revisionNamed(revision);
  const { config, pkgs } = evaluateHost(modules, false, r);
  return hostFilesOfEvaluation({ config, pkgs, revision: r.name });
}
