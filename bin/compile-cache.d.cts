/**
 * `require(file)` with V8's code cache in the environment's cache directory: the module's
 * exports. A later `require` or `import` of the file gets the same module. `flags`: V8 flags
 * the process set after it started, part of the entry's name. `untilUsed`: the run counts as
 * using the file fully (its entry then holds what such runs compile) only once markUsed says so.
 */
export declare function requireCached(
  file: string,
  env?: Record<string, string | undefined>,
  flags?: readonly string[],
  options?: { untilUsed?: boolean },
): unknown;
/** This run used `file` (loaded with `untilUsed`) fully: see requireCached. */
export declare function markUsed(file: string): void;
/** What requireCached found in the cache for `file` in this process (undefined: not loaded by it). */
export declare function cacheStatus(file: string): "accepted" | "rejected" | "missing" | "off" | undefined;
/** The cache directory the environment names (NIXMOD_COMPILE_CACHE, XDG_CACHE_HOME, HOME), or undefined for none. */
export declare function cacheDir(env: Record<string, string | undefined>): string | undefined;
/** The name of the cache entry of `source`, the text of the file `filename` (its absolute path), in this process. */
export declare function entryName(
  filename: string,
  source: string | Uint8Array,
  flags?: readonly string[],
): string;
/**
 * The environment's cache directory if this process may use it (the user's own, writable by no
 * one else); `refused` when it is there but not to be trusted (stderr says so, once).
 */
export declare function trustedCacheDir(env?: Record<string, string | undefined>): {
  dir: string | undefined;
  refused: boolean;
};
/**
 * The content of a cache entry (a path in a trusted directory), if it is there, readable and to
 * be trusted; `refused` when it is there but not to be trusted (stderr says so, once).
 */
export declare function readEntry(entry: string): { data: Buffer | undefined; refused: boolean };
/** Write `data` as the entry `file` of `dir` (whole or not at all); of the entries whose names start with `${name}-`, keep the newest few. */
export declare function writeEntry(dir: string, file: string, name: string, data: Uint8Array | string): void;
