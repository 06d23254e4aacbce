/**
 * Hardening of the oci-containers module (a deliberate difference from NixOS, see
 * docs/security.md): both revisions put some values into shell scripts and unit files without
 * escaping, so these are restricted to characters that are never special to the shell. A
 * container name follows Docker's own rule (it also names the unit, `docker-<name>.service`);
 * images, log drivers, login fields and the paths of image files are one shell word of "safe"
 * characters (those Python's `shlex.quote` leaves unquoted). Valid values merge and render
 * exactly as in NixOS.
 */
import { types } from "../../../types/index.js";

/** A container's name: Docker's rule. */
export const containerNameType = types.strMatching("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

/** One shell word of characters that are never special to the shell. */
export const shellWordType = types.strMatching("[A-Za-z0-9_@%+=:,./-]+");

/** The path of a package or of a string-like value: what interpolating it gives. */
const pathOf = (x: unknown): unknown =>
  typeof x === "string"
    ? x
    : typeof x === "object" && x !== null
      ? (x as { outPath?: unknown }).outPath
      : undefined;

/** A package whose path is one such shell word. */
export const shellWordPackage = (() => {
  const pkgType = types.package;
  return {
    ...pkgType,
    description: `package whose path is a ${shellWordType.description}`,
    check: (x: unknown): boolean => pkgType.check(x) && shellWordType.check(pathOf(x)),
  } as typeof pkgType;
})();
