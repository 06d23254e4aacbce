/**
 * Which nixpkgs `lib` the engine behaves as. nixmod is one engine, but nixpkgs' lib changed
 * in ways a user sees between the two revisions of NixOS it reproduces: the wording of many
 * messages (an option read without a value, nixpkgs PR #338362), `escapeShellArg` leaving
 * safe words unquoted (PR #333744), how some types merge (`uniq`, `anything`'s lists) and
 * describe themselves, what a declaration may be (docs/revisions.md has the list). Each
 * revision of the bundled modules is evaluated with the lib of its time; the engine, its
 * messages, and `lib.escapeShellArg` as modules get it, follow the revision in force.
 *
 * The revision in force is one for the process (the `nixmod` command sets it from
 * `--revision`): `setLibRevision` changes it, `withLibRevision` changes it for one call.
 * A message takes the revision in force when its error is made, a merge when it merges; what
 * is learnt from declarations alone (merged declarations, fixed-up types) is kept per revision.
 * Reading it is reading a variable: the engine asks where the libs differ, off its hot paths.
 */

/** The lib revisions the engine knows, oldest first. */
export const libRevisions = ["2023-07", "2025-06"] as const;

export type LibRevision = (typeof libRevisions)[number];

/** The lib of the newest revision: the engine's default. */
export const latestLibRevision: LibRevision = "2025-06";

let active: LibRevision = latestLibRevision;

/** Is `s` a lib revision the engine knows? */
export const isLibRevision = (s: unknown): s is LibRevision =>
  typeof s === "string" && (libRevisions as readonly string[]).includes(s);

/** The lib revision in force. */
export const activeLibRevision = (): LibRevision => active;

/** Put `revision` in force for the process; returns the one it replaces. */
export function setLibRevision(revision: LibRevision): LibRevision {
  if (!isLibRevision(revision)) {
    throw new TypeError(
      `nixmod: unknown lib revision ${JSON.stringify(revision)} (known: ${libRevisions.join(", ")})`,
    );
  }
  const before = active;
  active = revision;
  return before;
}

/**
 * `f()` with `revision` in force, and the one before it afterwards. What `f` leaves unevaluated
 * (a lazy value read later) is evaluated with the revision in force then.
 */
export function withLibRevision<T>(revision: LibRevision, f: () => T): T {
  const before = setLibRevision(revision);
  try {
    return f();
  } finally {
    active = before;
  }
}

/** The message of an option read without any definition or default, in the revision's words. */
export function notDefinedMessage(option: string, revision: LibRevision): string {
  return revision === "2023-07"
    ? `The option \`${option}' is used but not defined.`
    : `The option \`${option}' was accessed but has no value defined. Try setting the option.`;
}
