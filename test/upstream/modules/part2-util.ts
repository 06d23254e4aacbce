// Helpers for the modules ported for modules.sh lines 227-420: Nix idioms that the
// module files use and that have no one-word JavaScript spelling.
import { throwError } from "../../../src/lib/errors.js";

/** The attributes `mkOption` takes (`lib.functionArgs lib.mkOption` upstream). */
export const mkOptionArgNames = [
  "default",
  "defaultText",
  "example",
  "description",
  "relatedPackages",
  "type",
  "apply",
  "internal",
  "visible",
  "readOnly",
] as const;

/**
 * mkOption arguments that each throw when read: an option declared with them
 * proves the module system never looks at an unused option's attributes.
 */
export function deathtrapArgs(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of mkOptionArgNames) {
    Object.defineProperty(o, k, {
      enumerable: true,
      configurable: true,
      get: () => throwError(`The module system is too strict, accessing an unused option's ${k} mkOption-attribute.`),
    });
  }
  return o;
}

/**
 * `mkIf cond content` where `content` is an unevaluated expression (as in Nix, where
 * `mkIf c config.x` does not read config.x until the condition holds).
 */
export function mkIfLazy<T>(condition: boolean | (() => boolean), content: () => T): object {
  const o: Record<string, unknown> = { _type: "if", condition };
  Object.defineProperty(o, "content", { enumerable: true, configurable: true, get: content });
  return o;
}
