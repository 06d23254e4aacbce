/**
 * Runtime shapes of Nix values as io-ts codecs: the root checks that option
 * types make (`check` looks at the root of a value only, as in Nix).
 */
import * as t from "io-ts";
import { isAttrs, isAttrsValue } from "../lib/attrs-lazy.js";

export interface IntBrand {
  readonly Int: unique symbol;
}
/**
 * A Nix int: an integral JS number a 64-bit signed integer holds, -2^63 to 2^63-1 (a JavaScript
 * number beyond, 1.18e+21 say, is no Nix integer).
 */
export const NixInt = t.brand(
  t.number,
  (n): n is t.Branded<number, IntBrand> => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63,
  "Int",
);
export interface FloatBrand {
  readonly Float: unique symbol;
}
/** A Nix float: a JS number with a fractional part (an integral float cannot be told from an int). */
export const NixFloat = t.brand(
  t.number,
  (n): n is t.Branded<number, FloatBrand> => !Number.isInteger(n) && !Number.isNaN(n),
  "Float",
);
export const NixString = t.string;
export const NixBool = t.boolean;
export const NixList = t.UnknownArray;

/**
 * A Nix attribute set: an object that is not an array (null prototype or not), nor a Map, a
 * Set, a Date or another built-in JavaScript object that is no Nix value (isAttrsValue).
 */
export const NixAttrs = new t.Type<Record<string, unknown>, Record<string, unknown>, unknown>(
  "Attrs",
  isAttrsValue,
  (u, c) => (isAttrsValue(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

export const NixFunction = t.Function;

/** A package: an attribute set with `type = "derivation"` and an `outPath`. */
export const Derivation = t.type({ type: t.literal("derivation"), outPath: t.string });
export type Derivation = t.TypeOf<typeof Derivation> & { name?: string };

export const isDerivation = (v: unknown): v is Derivation =>
  isAttrs(v) && v.type === "derivation";

/** Nix's isStringLike: a string, a path, or a set with outPath or __toString. */
export const isStringLike = (v: unknown): boolean =>
  typeof v === "string" || (isAttrs(v) && ("outPath" in v || "__toString" in v));

/** toString of a string-like value. */
export const stringOf = (v: unknown): string => {
  if (typeof v === "string") return v;
  if (isAttrs(v)) {
    if (typeof v.__toString === "function") return String((v.__toString as (s: unknown) => unknown)(v));
    if ("outPath" in v) return stringOf(v.outPath);
  }
  return String(v);
};

export const storeDir = "/nix/store";

/** Nix's isStorePath: a path directly in the store (or a derivation). */
export const isStorePath = (v: unknown): boolean => {
  if (isDerivation(v)) return isStorePath(v.outPath);
  if (!isStringLike(v)) return false;
  const s = stringOf(v);
  if (!s.startsWith("/")) return false;
  const dir = s.slice(0, s.lastIndexOf("/"));
  return dir === storeDir;
};
