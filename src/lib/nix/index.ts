/** Nix builtins and nixpkgs `lib` functions (strings, attrsets, lists, trivial, versions,
 * generators, regex, JSON) with Nix semantics. */
export * from "./attrsets.js";
export * from "./lists.js";
export * from "./strings.js";
export * from "./trivial.js";
export * from "./regex.js";
export * from "./json.js";
export * from "./generators.js";
export * from "./numbers.js";
export * as versions from "./versions.js";
export { major, minor, patch, majorMinor, pad } from "./versions.js";
