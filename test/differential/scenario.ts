/**
 * A module set written once as data, and rendered both as a Nix expression (for real Nix's
 * `lib.evalModules`) and as nixmod modules, so that the two can be compared: the
 * differential test (differential.test.ts) and the script recording Nix's results
 * (record.ts). A scenario's values are JSON, with the module system's functions spelled as
 * objects with a `$` key (see Val).
 */
import { isDeepStrictEqual } from "node:util";
import { evalModules } from "../../src/lib/evaluation.js";
import { EvalError, renderError } from "../../src/lib/errors.js";
import { lazy } from "../../src/lib/lazy.js";
import { withLibRevision, type LibRevision } from "../../src/lib/lib-revision.js";
import type { Module } from "../../src/lib/module-types.js";
import { mkOption } from "../../src/lib/options.js";
import { mkIf, mkMerge, mkOrder, mkOverride } from "../../src/lib/properties.js";
import { toString as toNixString } from "../../src/lib/nix/strings.js";
import { toJsonValue, type Json } from "../../src/tools/render-json.js";
import { types, type OptionType } from "../../src/types/index.js";

/** A simple option type, by its name in `types` (`unsignedInt` is `ints.unsigned`, ...). */
export type SimpleTy = keyof typeof simpleTypes;

/**
 * An option type. (`coercedTo` coerces with `toString`; `unique` has a message.)
 */
export type Ty =
  | SimpleTy
  | ["enum", (string | number)[]]
  | ["strMatching", string]
  | ["listOf" | "attrsOf" | "lazyAttrsOf" | "nullOr" | "uniq" | "nonEmptyListOf" | "passwdEntry", Ty]
  | ["unique", string, Ty]
  | ["either" | "coercedTo", Ty, Ty]
  | ["submodule", OptTree];

/** The simple types, as Nix and as nixmod. */
const simpleTypes = {
  int: ["types.int", types.int],
  str: ["types.str", types.str],
  bool: ["types.bool", types.bool],
  lines: ["types.lines", types.lines],
  commas: ["types.commas", types.commas],
  anything: ["types.anything", types.anything],
  path: ["types.path", types.path],
  pathInStore: ["types.pathInStore", types.pathInStore],
  unsignedInt: ["types.ints.unsigned", types.ints.unsigned],
  positiveInt: ["types.ints.positive", types.ints.positive],
} as const satisfies Record<string, readonly [string, OptionType<any>]>;

/** What `apply` does: `x: x`, `x: 1` (ignoring its argument), `x: !x`, `x: [ x ]`. */
export type Apply = "id" | "const" | "not" | "list";

/** An option (`mkOption`; without a type, `mkOption { }`). */
export interface OptDecl {
  $opt: { type?: Ty; default?: Val; readOnly?: true; apply?: Apply };
}
/** A type where an option belongs: a mistake (`options.x = types.int;`). */
export interface BareType {
  $type: Ty;
}
/** Declared options: an option, or a group of them, by name. */
export interface OptTree {
  [name: string]: OptDecl | BareType | OptTree;
}

/**
 * A definition's value: a literal, a list, an attribute set (no name starting with `$`), or
 * - `{ $if: condition, then: v }`: mkIf (a condition is a Boolean, a `$ref`, or any other
 *   value, which is an error),
 * - `{ $merge: [v, ...] }`: mkMerge,
 * - `{ $override: n, content: v }`: mkOverride n (mkForce is 50, mkDefault 1000),
 * - `{ $order: n, content: v }`: mkOrder n (mkBefore is 500, mkAfter 1500),
 * - `{ $ref: ["a", "b"] }`: `config.a.b`, read lazily.
 */
export type Val =
  | null
  | boolean
  | number
  | string
  | Val[]
  | { $if: Val; then: Val }
  | { $merge: Val[] }
  | { $override: number; content: Val }
  | { $order: number; content: Val }
  | { $ref: string[] }
  | { [name: string]: Val };

/**
 * A module defining `config` (a function of `config`), perhaps declaring options too, and
 * the modules it imports: modules, or other values (a mistake: `{ _type = "flake"; }`).
 */
export interface ModuleSpec {
  file: string;
  config: Val;
  options?: OptTree;
  /** Its `_class`. */
  class?: string;
  imports?: (ModuleSpec | { $value: Val })[];
}

export interface Scenario {
  name: string;
  /** Declared by the first module, `decl.nix`. */
  options: OptTree;
  modules: ModuleSpec[];
  /** The attributes of `config` read, each in an evaluation of its own. */
  reads: string[][];
  /** The `class` of the evaluation. */
  class?: string;
}

/** What reading an attribute gives: its value as JSON (Nix's toJSON), or Nix's error message. */
export type Outcome = { value: Json } | { error: string };

export const isOption = (t: OptDecl | BareType | OptTree): t is OptDecl =>
  typeof (t as OptDecl).$opt === "object" && (t as OptDecl).$opt !== null;
export const isBareType = (t: OptDecl | BareType | OptTree): t is BareType => "$type" in t;
const isImportedValue = (m: ModuleSpec | { $value: Val }): m is { $value: Val } => "$value" in m;

const tagOf = (v: Val): string | undefined => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  for (const k of ["$if", "$merge", "$override", "$order", "$ref"]) if (k in v) return k;
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// As Nix

const nixString = (s: string): string => JSON.stringify(s).replace(/\$\{/g, "\\${");
const nixName = (n: string): string => nixString(n);
const nixPath = (p: readonly string[]): string => "config." + p.map(nixName).join(".");

export function nixVal(v: Val): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return v < 0 ? `(${v})` : String(v);
  if (typeof v === "string") return nixString(v);
  if (Array.isArray(v)) return v.length === 0 ? "[ ]" : `[ ${v.map(nixVal).join(" ")} ]`;
  const o = v as Record<string, Val>;
  switch (tagOf(v)) {
    case "$if":
      return `(mkIf ${nixVal(o.$if!)} ${nixVal(o.then!)})`;
    case "$merge":
      return `(mkMerge ${nixVal(o.$merge!)})`;
    case "$override":
      return `(mkOverride ${nixVal(o.$override!)} ${nixVal(o.content!)})`;
    case "$order":
      return `(mkOrder ${nixVal(o.$order!)} ${nixVal(o.content!)})`;
    case "$ref":
      return `(${nixPath(o.$ref as string[])})`;
  }
  const names = Object.keys(o);
  return names.length === 0
    ? "{ }"
    : `{ ${names.map((n) => `${nixName(n)} = ${nixVal(o[n]!)};`).join(" ")} }`;
}

export function nixType(t: Ty): string {
  if (typeof t === "string") return simpleTypes[t][0];
  switch (t[0]) {
    case "enum":
    case "strMatching":
      return `(types.${t[0]} ${nixVal(t[1])})`;
    case "either":
      return `(types.either ${nixType(t[1])} ${nixType(t[2])})`;
    case "coercedTo":
      return `(types.coercedTo ${nixType(t[1])} toString ${nixType(t[2])})`;
    case "unique":
      return `(types.unique { message = ${nixString(t[1])}; } ${nixType(t[2])})`;
    case "submodule":
      return `(types.submodule { options = ${nixOptions(t[1])}; })`;
    default:
      return `(types.${t[0]} ${nixType(t[1])})`;
  }
}

const nixApply: Record<Apply, string> = { id: "x: x", const: "x: 1", not: "x: !x", list: "x: [ x ]" };

export function nixOptions(tree: OptTree): string {
  const parts = Object.keys(tree).map((n) => {
    const d = tree[n]!;
    if (isBareType(d)) return `${nixName(n)} = ${nixType(d.$type)};`;
    if (!isOption(d)) return `${nixName(n)} = ${nixOptions(d)};`;
    const { type, default: dflt, readOnly, apply } = d.$opt;
    const fields = type === undefined ? [] : [`type = ${nixType(type)};`];
    if (dflt !== undefined) fields.push(`default = ${nixVal(dflt)};`);
    if (readOnly) fields.push("readOnly = true;");
    if (apply) fields.push(`apply = ${nixApply[apply]};`);
    return `${nixName(n)} = mkOption { ${fields.join(" ")}${fields.length > 0 ? " " : ""}};`;
  });
  return `{ ${parts.join(" ")} }`;
}

function nixModule(m: ModuleSpec | { $value: Val }): string {
  if (isImportedValue(m)) return nixVal(m.$value);
  const imports = m.imports?.length ? ` imports = [ ${m.imports.map(nixModule).join(" ")} ];` : "";
  const options = m.options ? ` options = ${nixOptions(m.options)};` : "";
  const cls = m.class ? ` _class = ${nixString(m.class)};` : "";
  return `({ config, ... }: { _file = ${nixString(m.file)};${cls} config = ${nixVal(m.config)};${options}${imports} })`;
}

/** The Nix expression whose value is `builtins.toJSON config.<path>` (names in lexicographic order). */
export function nixExpression(s: Scenario, path: readonly string[], libDir: string): string {
  const modules = [
    `({ config, ... }: { _file = "decl.nix"; options = ${nixOptions(s.options)}; })`,
    ...s.modules.map(nixModule),
  ];
  return [
    `let lib = import ${libDir}/lib; inherit (lib) mkOption mkIf mkMerge mkOverride mkOrder types;`,
    `r = lib.evalModules { modules = [ ${modules.join(" ")} ];${s.class ? ` class = ${nixString(s.class)};` : ""} };`,
    `in builtins.toJSON r.config.${path.map(nixName).join(".")}`,
  ].join("\n");
}

/**
 * Nix's error message as nix-instantiate prints it (stderr), without what is not the
 * message: trace lines before it, the position and code after it, the `--show-trace` hint.
 */
export function nixMessage(stderr: string): string {
  const start = stderr.indexOf("error: ");
  let msg = start < 0 ? stderr : stderr.slice(start + "error: ".length);
  const hint = msg.indexOf("\n(use '--show-trace'");
  if (hint >= 0) msg = msg.slice(0, hint);
  const at = msg.search(/\n\n? {7}at (\/|«)/);
  if (at >= 0) msg = msg.slice(0, at);
  return msg
    .replace(/\s+$/, "")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""))
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// As nixmod modules

function jsType(t: Ty): OptionType {
  if (typeof t === "string") return simpleTypes[t][1] as OptionType;
  switch (t[0]) {
    case "enum":
      return types.enum(t[1]);
    case "strMatching":
      return types.strMatching(t[1]);
    case "either":
      return types.either(jsType(t[1]), jsType(t[2]));
    case "coercedTo":
      return types.coercedTo(jsType(t[1]), (x) => toNixString(x), jsType(t[2]));
    case "unique":
      return types.unique({ message: t[1] }, jsType(t[2]));
    case "submodule":
      return types.submodule({ options: jsOptions(t[1], undefined) });
    default:
      return (types[t[0]] as (e: OptionType) => OptionType)(jsType(t[1]));
  }
}

const jsApply: Record<Apply, (x: any) => unknown> = {
  id: (x) => x,
  const: () => 1,
  not: (x) => !x,
  list: (x) => [x],
};

const readPath = (config: unknown, p: readonly string[]): unknown => p.reduce((o: any, k) => o[k], config);

/** Does `v` read config anywhere (so that an attribute holding it must be a getter)? */
const readsConfig = (v: Val): boolean =>
  v !== null &&
  typeof v === "object" &&
  (Array.isArray(v) ? v.some(readsConfig) : tagOf(v) === "$ref" || Object.values(v).some(readsConfig));

/**
 * `v` as a nixmod module writes it: an attribute that reads config is a getter; a read of
 * config elsewhere (a list element, a property's content) is a lazy value, an mkIf
 * condition a thunk. `top`: `v` is a getter's value, read when the getter runs.
 */
export function jsVal(v: Val, config: unknown, top = false): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => jsVal(x, config));
  const o = v as Record<string, Val>;
  switch (tagOf(v)) {
    case "$if": {
      const c = o.$if!;
      const cond =
        tagOf(c) === "$ref" ? () => readPath(config, (c as { $ref: string[] }).$ref) : jsVal(c, config);
      return mkIf(cond as boolean, jsVal(o.then!, config));
    }
    case "$merge":
      return mkMerge(jsVal(o.$merge!, config) as unknown[]);
    case "$override":
      return mkOverride(o.$override as number, jsVal(o.content!, config));
    case "$order":
      return mkOrder(o.$order as number, jsVal(o.content!, config));
    case "$ref": {
      const p = o.$ref as string[];
      return top ? readPath(config, p) : lazy(() => readPath(config, p));
    }
  }
  const out: Record<string, unknown> = {};
  for (const n of Object.keys(o)) {
    const x = o[n]!;
    if (readsConfig(x))
      Object.defineProperty(out, n, { enumerable: true, get: () => jsVal(x, config, true) });
    else out[n] = jsVal(x, config);
  }
  return out;
}

function jsOptions(tree: OptTree, config: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of Object.keys(tree)) {
    const d = tree[n]!;
    if (isBareType(d)) {
      out[n] = jsType(d.$type);
      continue;
    }
    if (!isOption(d)) {
      out[n] = jsOptions(d, config);
      continue;
    }
    const { type, default: dflt, readOnly, apply } = d.$opt;
    const spec: Record<string, unknown> = type === undefined ? {} : { type: jsType(type) };
    if (dflt !== undefined) {
      Object.defineProperty(spec, "default", { enumerable: true, get: () => jsVal(dflt, config, true) });
    }
    if (readOnly) spec.readOnly = true;
    if (apply) spec.apply = jsApply[apply];
    out[n] = mkOption(spec);
  }
  return out;
}

function jsModule(m: ModuleSpec | { $value: Val }): Module {
  if (isImportedValue(m)) return jsVal(m.$value, undefined) as Module;
  return ({ config }: { config: unknown }) => ({
    _file: m.file,
    ...(m.class ? { _class: m.class } : {}),
    ...(m.imports?.length ? { imports: m.imports.map(jsModule) } : {}),
    ...(m.options ? { options: jsOptions(m.options, config) } : {}),
    get config() {
      return jsVal(m.config, config, true);
    },
  });
}

export function jsModules(s: Scenario): Module[] {
  return [
    ({ config }: { config: unknown }) => ({ _file: "decl.nix", options: jsOptions(s.options, config) }),
    ...s.modules.map(jsModule),
  ];
}

/**
 * What nixmod gives reading `config.<path>`, forced as toJSON forces it, with the lib of
 * `revision` in force (the one Nix's results were recorded with).
 */
export function nixmodOutcome(s: Scenario, path: readonly string[], revision: LibRevision): Outcome {
  return withLibRevision(revision, () => {
    try {
      const { config } = evalModules({ modules: jsModules(s), ...(s.class ? { class: s.class } : {}) });
      return { value: toJsonValue(readPath(config, path)) };
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return { error: renderError(e, false).slice("error: ".length) };
    }
  });
}

/** Nix's message for a cycle it met as a stack overflow rather than as a value being computed. */
const NIX_STACK_OVERFLOW = "stack overflow (possible infinite recursion)";

/**
 * How nixmod's outcome compares with Nix's: `same` value, or an error whose message is
 * Nix's, possibly followed by lines of nixmod's own (a hint, the options on a cycle);
 * `known`, a documented difference (docs/merge-rules.md): a cycle Nix overflows its stack on,
 * which nixmod reports as an infinite recursion, a value that contains itself, which it
 * says it cannot print, or a value nested without end, whose printing it stops (a stack
 * overflow of its own, naming the attribute path); else `differs`. Terminal styles in
 * nixmod's message are left out: Nix prints none where stderr is no terminal.
 */
export function compareOutcomes(nix: Outcome, ours: Outcome): "same" | "known" | "differs" {
  if ("value" in nix) {
    // (Compared as plain JSON data: names in any order, objects of one kind.)
    const same = "value" in ours && isDeepStrictEqual(JSON.parse(JSON.stringify(ours.value)), nix.value);
    return same ? "same" : "differs";
  }
  if (!("error" in ours)) return "differs";
  const theirs = nix.error;
  // (Nix prints a message without its terminal styles where stderr is no terminal.)
  // eslint-disable-next-line no-control-regex
  const mine = ours.error.replace(/\u001b\[[0-9;]*m/g, "");
  if (mine === theirs || mine.startsWith(theirs + "\n")) return "same";
  const cycle =
    /^(infinite recursion encountered|cannot convert a value that contains itself|stack overflow while converting)/;
  if (theirs === NIX_STACK_OVERFLOW && cycle.test(mine)) return "known";
  return "differs";
}
