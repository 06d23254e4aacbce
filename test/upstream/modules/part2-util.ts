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

/** Nix `a // b`: attributes of b win; getters stay getters (nothing is evaluated). */
export function update<A extends object, B extends object>(a: A, b: B): A & B {
  const out = Object.create(Object.getPrototypeOf(a) as object | null) as A & B;
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(a));
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(b));
  return out;
}

/** Nix `==` on the values modules produce (attribute sets compare by names and values). */
export function nixEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => nixEqual(x, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
    return ka.every((k) => nixEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** Nix `removeAttrs set names`, keeping the other attributes lazy. */
export function removeAttrs(set: object, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(set))) {
    if (!names.includes(k) && d.enumerable) Object.defineProperty(out, k, d);
  }
  return out;
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
