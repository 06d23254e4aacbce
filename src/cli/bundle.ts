/**
 * The entry of the package's bundle (scripts/bundle.mjs, dist/bundle/nixmod.cjs): the
 * command and the library's four entry points in one CommonJS script, one engine for all.
 * The files the package's exports name under the `nixmod-bundle` condition hand out `index`,
 * `modules`, `build` and `diff`; the command's entry file sets the dynamic import and calls `run`.
 */
export * as index from "../index.js";
export * as modules from "../modules/index.js";
export * as build from "../build/index.js";
export * as diff from "../diff/index.js";
export { run } from "./command.js";
export { setDynamicImport } from "../loader/dynamic-import.js";
