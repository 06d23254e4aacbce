/**
 * io-ts codecs for module bodies written as data (JSON or YAML).
 *
 * A data module holds Nix-like values: null, booleans, finite numbers, strings, lists
 * and attribute sets. Four attribute-set shapes are the module system's properties,
 * exactly as `mkIf` and friends represent them in Nix:
 *
 *   {"_type": "override", "priority": 50,   "content": x}   mkOverride / mkForce / mkDefault
 *   {"_type": "order",    "priority": 500,  "content": x}   mkOrder / mkBefore / mkAfter
 *   {"_type": "if",       "condition": true, "content": x}  mkIf
 *   {"_type": "merge",    "contents": [x, y]}               mkMerge
 *
 * and `{"type": "derivation", "name": n, "outPath": p, ...}` is a package: it decodes to a
 * derivation object whose (non-enumerable) `toString()` is its `outPath`, like a Nix
 * derivation interpolated into a string.
 *
 * Decoded attribute sets have a null prototype and are built with `defineProperty`, so
 * names such as `__proto__` or `constructor` stay ordinary own attributes and nothing
 * ever reaches `Object.prototype`.
 *
 * Decoding failures carry the JSON path of the offending value in the io-ts context;
 * `formatPath` and `firstFailure` turn it into `at config.a."b.c"[0]: message`.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import * as A from "fp-ts/lib/Array.js";
import { pipe } from "fp-ts/lib/function.js";
import { attrsProto } from "../lib/attrs-lazy.js";
import { mkIf, mkMerge, mkOrder, mkOverride, type Property } from "../lib/properties.js";

export type { Property };

// ---------------------------------------------------------------------------
// Output value shapes

/** A package decoded from `{"type": "derivation", ...}`. */
export interface Derivation {
  readonly type: "derivation";
  readonly name: string;
  readonly outPath: string;
  readonly [attr: string]: unknown;
}

/** A decoded value: what a data module may hold. */
export type NixData =
  | null
  | boolean
  | number
  | string
  | readonly NixData[]
  | Derivation
  | Property
  | { readonly [attr: string]: NixData };

// ---------------------------------------------------------------------------
// Helpers

/** A plain data object as a parser produces it (not an array, not a class instance). */
export function isPlainRecord(u: unknown): u is Record<string, unknown> {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return false;
  const proto: unknown = Object.getPrototypeOf(u);
  return proto === Object.prototype || proto === null || proto === attrsProto;
}

/** Own enumerable string keys, `__proto__` included (Object.keys keeps it when it is own). */
const ownKeys = (o: object): string[] => Object.keys(o);

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A null-prototype object holding `entries` as plain own data properties. */
export function attrsFromEntries(
  entries: ReadonlyArray<readonly [string, unknown]>,
): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Build a derivation object: the attributes plus a non-enumerable `toString()` giving `outPath`. */
export function makeDerivation(attrs: Record<string, unknown>): Derivation {
  const drv = attrsFromEntries(ownKeys(attrs).map((k) => [k, attrs[k]] as const));
  Object.defineProperty(drv, "toString", {
    value: function (this: Derivation) {
      return this.outPath;
    },
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return drv as unknown as Derivation;
}

/** Is `v` a derivation (an attribute set with `type = "derivation"`)? */
export function isDerivation(v: unknown): v is Derivation {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    (v as { type?: unknown }).type === "derivation"
  );
}

const typeName = (u: unknown): string =>
  u === null
    ? "null"
    : Array.isArray(u)
      ? "a list"
      : typeof u === "object"
        ? "an object"
        : typeof u === "number"
          ? Number.isInteger(u)
            ? "an integer"
            : "a number"
          : typeof u === "string"
            ? "a string"
            : typeof u === "boolean"
              ? "a boolean"
              : typeof u;

/** Validate every element of `items` with `validate`, collecting all errors (io-ts style). */
function traverseCollect<T, B>(
  items: readonly T[],
  validate: (item: T) => t.Validation<B>,
): t.Validation<B[]> {
  const { left, right } = A.separate(items.map(validate));
  return left.length > 0 ? t.failures(A.flatten(left)) : t.success(right);
}

// ---------------------------------------------------------------------------
// Scalars

/** A finite JSON/YAML number (Nix has no infinities or NaN). */
export const FiniteNumber = t.refinement(t.number, (n) => Number.isFinite(n), "FiniteNumber");

// ---------------------------------------------------------------------------
// The recursive value codec

const PROPERTY_KEYS: Record<Property["_type"], readonly string[]> = {
  if: ["_type", "condition", "content"],
  merge: ["_type", "contents"],
  override: ["_type", "priority", "content"],
  order: ["_type", "priority", "content"],
};

const PROPERTY_TYPES = Object.keys(PROPERTY_KEYS) as Property["_type"][];

const isPropertyType = (s: unknown): s is Property["_type"] =>
  typeof s === "string" && (PROPERTY_TYPES as string[]).includes(s);

/** Decode attribute `key` of `o` (which must be present) as a value. */
function validateChild(
  o: Record<string, unknown> | readonly unknown[],
  key: string,
  c: t.Context,
): t.Validation<NixData> {
  const u = (o as Record<string, unknown>)[key];
  return NixValue.validate(u, t.appendContext(c, key, NixValue, u));
}

/** Reject attributes other than `allowed` in a property shape. */
function checkNoExtraKeys(
  o: Record<string, unknown>,
  allowed: readonly string[],
  what: string,
  c: t.Context,
): t.Validation<void> {
  const extra = ownKeys(o).filter((k) => !allowed.includes(k));
  return extra.length === 0
    ? t.success(undefined)
    : t.failure(
        o,
        c,
        `${what} has an unexpected attribute ${JSON.stringify(extra[0])} (allowed: ${allowed.map((k) => JSON.stringify(k)).join(", ")})`,
      );
}

function validateProperty(o: Record<string, unknown>, c: t.Context): t.Validation<Property> {
  const kind = o._type;
  if (!isPropertyType(kind)) {
    return t.failure(
      o,
      c,
      `unknown "_type": ${JSON.stringify(kind)} (a property is one of ${PROPERTY_TYPES.map((k) => JSON.stringify(k)).join(", ")})`,
    );
  }
  const what = `"_type": ${JSON.stringify(kind)}`;
  const content = (): t.Validation<NixData> =>
    hasOwn(o, "content") ? validateChild(o, "content", c) : t.failure(o, c, `${what} needs a "content"`);
  const priority = (): t.Validation<number> =>
    t.Int.is(o.priority)
      ? t.success(o.priority)
      : t.failure(
          o,
          c,
          `${what} needs an integer "priority"${hasOwn(o, "priority") ? `, got ${typeName(o.priority)}` : ""}`,
        );

  return pipe(
    checkNoExtraKeys(o, PROPERTY_KEYS[kind], what, c),
    E.chain((): t.Validation<Property> => {
      switch (kind) {
        case "if":
          return pipe(
            t.boolean.is(o.condition)
              ? t.success(o.condition)
              : t.failure<boolean>(
                  o,
                  c,
                  `${what} needs a boolean "condition"${hasOwn(o, "condition") ? `, got ${typeName(o.condition)}` : ""}`,
                ),
            E.chain((condition) =>
              pipe(
                content(),
                E.map((x): Property => mkIf(condition, x)),
              ),
            ),
          );
        case "merge":
          if (!Array.isArray(o.contents)) {
            return t.failure(
              o,
              c,
              `${what} needs a list "contents"${hasOwn(o, "contents") ? `, got ${typeName(o.contents)}` : ""}`,
            );
          }
          return pipe(
            validateChild(o, "contents", c),
            E.map((xs): Property => mkMerge(xs as NixData[])),
          );
        case "override":
          return pipe(
            priority(),
            E.chain((p) =>
              pipe(
                content(),
                E.map((x): Property => mkOverride(p, x)),
              ),
            ),
          );
        case "order":
          return pipe(
            priority(),
            E.chain((p) =>
              pipe(
                content(),
                E.map((x): Property => mkOrder(p, x)),
              ),
            ),
          );
      }
    }),
  );
}

function validateDerivation(o: Record<string, unknown>, c: t.Context): t.Validation<Derivation> {
  const what = `"type": "derivation"`;
  if (typeof o.name !== "string") return t.failure(o, c, `${what} needs a string "name"`);
  if (typeof o.outPath !== "string" || !o.outPath.startsWith("/")) {
    return t.failure(o, c, `${what} needs a string "outPath" holding an absolute store path`);
  }
  return pipe(
    validateAttrs(o, c),
    E.map((attrs) => makeDerivation(attrs as Record<string, unknown>)),
  );
}

function validateAttrs(
  o: Record<string, unknown>,
  c: t.Context,
): t.Validation<{ readonly [attr: string]: NixData }> {
  return pipe(
    traverseCollect(ownKeys(o), (k) =>
      pipe(
        validateChild(o, k, c),
        E.map((v) => [k, v] as const),
      ),
    ),
    E.map((entries) => attrsFromEntries(entries) as { readonly [attr: string]: NixData }),
  );
}

/**
 * How deeply values may nest in a data module. Deeper values are refused with the path
 * where they got too deep, instead of overflowing the JavaScript stack (here or later in the
 * engine); real configurations nest a few dozen levels at most.
 */
export const MAX_DATA_DEPTH = 1000;

function validateValue(u: unknown, c: t.Context): t.Validation<NixData> {
  if (u === null || typeof u === "boolean" || typeof u === "string") return t.success(u);
  if (c.length > MAX_DATA_DEPTH && typeof u === "object") {
    return t.failure(u, c, `the value is nested more than ${MAX_DATA_DEPTH} levels deep`);
  }
  if (typeof u === "number") {
    return FiniteNumber.is(u) ? t.success(u) : t.failure(u, c, `numbers must be finite, got ${String(u)}`);
  }
  if (typeof u === "object" && c.slice(0, -1).some((e) => e.actual === u)) {
    return t.failure(u, c, "a value that contains itself (a recursive YAML alias) is not a Nix value");
  }
  if (Array.isArray(u)) {
    return traverseCollect(
      u.map((_, i) => i),
      (i) => validateChild(u, String(i), c),
    );
  }
  if (isPlainRecord(u)) {
    if (hasOwn(u, "_type")) return validateProperty(u, c);
    if (u.type === "derivation") return validateDerivation(u, c);
    return validateAttrs(u, c);
  }
  return t.failure(
    u,
    c,
    `cannot represent ${u instanceof Date ? "a date (quote it to make it a string)" : typeName(u)} as a Nix value`,
  );
}

/** Encode back to plain JSON data (derivations and properties keep their data shape). */
function encodeValue(v: NixData): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x: NixData) => encodeValue(x));
  const out: Record<string, unknown> = {};
  for (const k of ownKeys(v)) {
    Object.defineProperty(out, k, {
      value: encodeValue((v as Record<string, NixData>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The recursive codec of Nix-like data values. */
export const NixValue: t.Type<NixData, unknown, unknown> = new t.Type<NixData, unknown, unknown>(
  "NixValue",
  (u): u is NixData => E.isRight(validateValue(u, [])),
  validateValue,
  encodeValue,
);

/** A property shape (`_type` = if / merge / override / order). */
export const PropertyCodec: t.Type<Property, unknown, unknown> = new t.Type<Property, unknown, unknown>(
  "Property",
  (u): u is Property => isPlainRecord(u) && E.isRight(validateProperty(u, [])),
  (u, c) =>
    isPlainRecord(u)
      ? validateProperty(u, c)
      : t.failure(u, c, `a property must be an object, got ${typeName(u)}`),
  (p) => encodeValue(p),
);

/** A package: `{"type": "derivation", "name", "outPath", ...}`. */
export const DerivationCodec: t.Type<Derivation, unknown, unknown> = new t.Type<Derivation, unknown, unknown>(
  "Derivation",
  (u): u is Derivation => isPlainRecord(u) && u.type === "derivation" && E.isRight(validateDerivation(u, [])),
  (u, c) =>
    isPlainRecord(u) && u.type === "derivation"
      ? validateDerivation(u, c)
      : t.failure(u, c, `a package must be an object with "type": "derivation"`),
  (d) => encodeValue(d),
);

// ---------------------------------------------------------------------------
// Error paths

/** Nix-style attribute name: bare when it is an identifier, quoted otherwise. */
export function showAttrName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_'-]*$/.test(name) ? name : JSON.stringify(name);
}

/** Format a path of keys: names joined with dots, list indices as `[i]`. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += (out === "" ? "" : ".") + showAttrName(s);
  }
  return out;
}

/** The JSON path of an io-ts context: keys under list parents become indices. */
export function contextPath(c: t.Context): (string | number)[] {
  const segs: (string | number)[] = [];
  for (let i = 1; i < c.length; i++) {
    const parent = c[i - 1].actual;
    const key = c[i].key;
    segs.push(Array.isArray(parent) && /^\d+$/.test(key) ? Number(key) : key);
  }
  return segs;
}

/** One failure as `at PATH: message` (or just `message` at the root). */
export function describeFailure(e: t.ValidationError): { path: (string | number)[]; message: string } {
  return {
    path: contextPath(e.context),
    message: e.message ?? `invalid value ${JSON.stringify(e.value) ?? String(e.value)}`,
  };
}
