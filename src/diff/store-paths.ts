/**
 * Store paths in texts (unit files, scripts): finding them, the store file each names, and
 * what a script is to a unit in the user's terms (`unit-script-podman-app-pre-stop` is the
 * service's preStop).
 */

/** A store path and what follows it in a path (`/nix/store/<32 hex>-<name>[/rest]`). */
const STORE_PATH_RE = /\/nix\/store\/([0-9a-z]{32})-([^/\s"'`;|&<>()]+)((?:\/[^\s"'`;|&<>()]*)?)/g;

export interface StoreRef {
  /** The whole reference: store path and the path in it. */
  readonly path: string;
  /** `<name>` of `/nix/store/<hash>-<name>`. */
  readonly name: string;
}

/** The store paths `text` names, in order (with the file in them, if any). */
export const storeRefs = (text: string): StoreRef[] =>
  Array.from(text.matchAll(STORE_PATH_RE), (m) => ({ path: m[0], name: m[2]! }));

/** `text` with every store hash replaced, so that texts naming the same files by name compare equal. */
export const withoutHashes = (text: string): string =>
  text.replace(STORE_PATH_RE, (_m, _h: string, name: string, rest: string) => `/nix/store/…-${name}${rest}`);

/** The job scripts of a service (`unit-script-<service>-<suffix>`), by the option that writes them. */
const JOB_SCRIPTS: ReadonlyArray<readonly [string, string]> = [
  ["-pre-start", "preStart"],
  ["-post-start", "postStart"],
  ["-pre-stop", "preStop"],
  ["-post-stop", "postStop"],
  ["-reload", "reload"],
  ["-start", "start"],
];

/** What a store file named `name` is, in the terms of the options that make it. */
export function scriptRole(name: string): string {
  if (name.startsWith("unit-script-")) {
    const job = JOB_SCRIPTS.find(([suffix]) => name.endsWith(suffix));
    if (job !== undefined) return job[1] === "start" ? "the start script (script)" : `the ${job[1]} script`;
  }
  if (name === "pre-start") return "the container's pre-start script";
  if (name.startsWith("X-Restart-Triggers-")) return "the restartTriggers";
  if (name.startsWith("X-Reload-Triggers-")) return "the reloadTriggers";
  return `the store file ${name}`;
}
