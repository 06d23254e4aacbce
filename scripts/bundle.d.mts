import type { Plugin } from "esbuild";
/** fp-ts and io-ts resolved to their ES module builds (see bundle.mjs). */
export declare function esBuilds(root?: string): Plugin;
/** esbuild's options for a CommonJS bundle of ES module sources (`import.meta.url` defined). */
export declare const commonJsOptions: {
  format: "cjs";
  define: Record<string, string>;
  banner: { js: string };
};
/** The directory of the package's bundles (dist/bundle). */
export declare const bundleDir: string;
/** Build dist/bundle: the engine as one CommonJS script, the command's entry and the library's entry points. */
export declare function bundleDist(): Promise<void>;
