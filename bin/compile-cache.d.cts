/**
 * `require(file)` with V8's code cache in the environment's cache directory: the module's
 * exports. A later `require` or `import` of the file gets the same module.
 */
export declare function requireCached(file: string, env?: Record<string, string | undefined>): unknown;
/** What requireCached found in the cache for `file` in this process (undefined: not loaded by it). */
export declare function cacheStatus(file: string): "accepted" | "rejected" | "missing" | "off" | undefined;
/** The cache directory the environment names (NIXMOD_COMPILE_CACHE, XDG_CACHE_HOME, HOME), or undefined for none. */
export declare function cacheDir(env: Record<string, string | undefined>): string | undefined;
/** The name of the cache entry of `source`, the text of the file `filename` (its absolute path), in this process. */
export declare function entryName(filename: string, source: string): string;
