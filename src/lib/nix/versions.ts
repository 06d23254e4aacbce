/** `lib.versions`: components of version strings, split like `builtins.splitVersion`. */
import { elemAt, genList, take } from "./lists.js";
import { removePrefix, splitString } from "./strings.js";
import { splitVersion } from "./trivial.js";

export { compareVersions, splitVersion, versionAtLeast, versionOlder } from "./trivial.js";

/** `lib.versions.major v`: the first component. */
export function major(v: string): string {
  return elemAt(splitVersion(v), 0);
}

/** `lib.versions.minor v`: the second component. */
export function minor(v: string): string {
  return elemAt(splitVersion(v), 1);
}

/** `lib.versions.patch v`: the third component. */
export function patch(v: string): string {
  return elemAt(splitVersion(v), 2);
}

/** `lib.versions.majorMinor v`: the first two components joined by ".". */
export function majorMinor(v: string): string {
  return take(2, splitVersion(v)).join(".");
}

/** `lib.versions.pad n version`: exactly `n` numeric components (padded with "0"), suffix kept. */
export function pad(n: number, version: string): string {
  const numericVersion = splitString("-", version)[0]!;
  const versionSuffix = removePrefix(numericVersion, version);
  return (
    take(n, [...splitVersion(numericVersion), ...genList(() => "0", n)]).join(".") + versionSuffix
  );
}
