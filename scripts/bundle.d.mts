import type { Plugin } from "esbuild";
/** fp-ts and io-ts resolved to their ES module builds (see bundle.mjs). */
export declare function esBuilds(root?: string): Plugin;
/** A banner giving an ES module bundle the `require` its CommonJS dependencies call. */
export declare const requireBanner: string;
/** The directory of the package's bundles (dist/bundle). */
export declare const bundleDir: string;
/** Build dist/bundle: the nixmod command and the library's entry points, with shared chunks. */
export declare function bundleDist(): Promise<void>;
