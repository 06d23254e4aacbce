/**
 * `builtins.toJSON` and `builtins.fromJSON` with Nix semantics: attribute names sorted by code unit;
 * sets with `__toString` or `outPath` (derivations) become strings; floats are printed like Nix 2.8
 * prints them ("%g", 6 significant digits); control characters are `\uXXXX` escaped except \n \r \t.
 */
import { compareCodeUnits, isAttrs, nullProto } from "../attrs-lazy.js";
import { EvalError, throwError } from "../errors.js";
import { hasAttr, setOwn } from "./attrsets.js";
import { formatG } from "./numbers.js";
import { coerceToString } from "./strings.js";

/** A JSON string literal as Nix writes it. */
export function escapeJSONString(s: string): string {
  // Most strings need no escape (and then are not copied a character at a time).
  // eslint-disable-next-line no-control-regex
  if (!/["\\\x00-\x1f]/.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += c;
  }
  return out + '"';
}

function write(v: unknown, out: string[]): void {
  if (v === null || v === undefined) out.push("null");
  else if (typeof v === "boolean") out.push(v ? "true" : "false");
  else if (typeof v === "number") out.push(Number.isInteger(v) ? String(v) : formatG(v));
  else if (typeof v === "bigint") out.push(v.toString());
  else if (typeof v === "string") out.push(escapeJSONString(v));
  else if (typeof v === "function") throwError("cannot convert a function to JSON");
  else if (Array.isArray(v)) {
    out.push("[");
    v.forEach((el, i) => {
      if (i > 0) out.push(",");
      write(el, out);
    });
    out.push("]");
  } else if (isAttrs(v)) {
    if (hasAttr("__toString", v)) {
      out.push(escapeJSONString(coerceToString(v)));
      return;
    }
    if (hasAttr("outPath", v)) {
      write(v.outPath, out);
      return;
    }
    out.push("{");
    Object.keys(v)
      .sort(compareCodeUnits)
      .forEach((name, i) => {
        if (i > 0) out.push(",");
        out.push(escapeJSONString(name), ":");
        write(v[name], out);
      });
    out.push("}");
  } else throwError(`cannot convert ${String(v)} to JSON`);
}

/** `builtins.toJSON v`. */
export function toJSON(v: unknown): string {
  const out: string[] = [];
  write(v, out);
  return out.join("");
}

function toNix(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toNix);
  if (v !== null && typeof v === "object") {
    const o = nullProto();
    for (const k of Object.keys(v)) setOwn(o, k, toNix((v as Record<string, unknown>)[k]));
    return o;
  }
  return v;
}

/** `builtins.fromJSON s`: objects become sets that inherit nothing (nullProto). */
export function fromJSON(s: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch (e) {
    throw new EvalError(e instanceof Error ? e.message : String(e));
  }
  return toNix(parsed);
}
