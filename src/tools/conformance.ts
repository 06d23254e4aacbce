/**
 * Conformance cases (see test/conformance/cases and the README they come with): module
 * sets evaluated by real Nix, with the values Nix produced. `evaluateCase` evaluates one
 * with our engine the way the reference harness (`eval.nix`) does; `compareCase` finds the
 * first difference from what Nix produced.
 */
import { readFileSync } from "node:fs";
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { compareCodeUnits } from "../lib/attrs-lazy.js";
import { caughtByTryEval, EvalError, renderError, renderException } from "../lib/errors.js";
import { evalModules } from "../lib/evaluation.js";
import { usedButNotDefined } from "../lib/merge.js";
import { LoadError, decodeModule, parseJson } from "../loader/loader.js";
import { describeFailure, formatPath } from "../loader/module-codec.js";
import type { Module } from "../lib/module-types.js";
import { toJsonValue, type Json, type ToJsonOptions } from "./render-json.js";
import { withLibRevision } from "../lib/lib-revision.js";
import { isRevisionName, revisionNamed, revisionNames, type Revision } from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";
import { failedAssertions } from "../modules/misc/assertions.js";

// ---------------------------------------------------------------------------
// Case files

const ScriptC = t.type({ builder: t.string, name: t.string, text: t.string });

const ExpectedC = t.intersection([
  t.type({
    services: t.UnknownRecord,
    units: t.UnknownRecord,
    warnings: t.array(t.string),
    backend: t.string,
    dockerEnable: t.boolean,
    podmanEnable: t.boolean,
  }),
  // Cases of a later revision than the seed: the messages of the failed assertions.
  t.partial({ failedAssertions: t.array(t.string) }),
]);

/** The io-ts codec of a conformance case file. */
export const CaseCodec = t.intersection([
  t.type({
    name: t.string,
    modules: t.array(t.type({ file: t.string, config: t.unknown })),
  }),
  t.partial({
    about: t.string,
    /** The revision of the modules (absent: the seed, 2023-07). */
    revision: t.string,
    expected: ExpectedC,
    scripts: t.record(t.string, ScriptC),
    error: t.intersection([t.type({ contains: t.string }), t.partial({ nixMessage: t.string })]),
  }),
]);

export type Case = t.TypeOf<typeof CaseCodec>;
export type Script = t.TypeOf<typeof ScriptC>;

/**
 * Decode a parsed case (`file` names it in errors). A case has exactly one of `expected` and
 * `error`; a scenario (`scenario`: true), what ../shared/reference/nix-eval.sh evaluates, may
 * have neither.
 */
export function decodeCase(value: unknown, file: string, scenario = false): E.Either<LoadError, Case> {
  return pipe(
    CaseCodec.decode(value),
    E.mapLeft((errors) => {
      const { path } = describeFailure(errors[0]);
      return new LoadError(file, `not a conformance case (bad or missing value)`, { path });
    }),
    E.chain((c) =>
      (c.expected === undefined) === (c.error === undefined) && !(scenario && c.expected === undefined)
        ? E.left(new LoadError(file, `a conformance case has exactly one of "expected" and "error"`))
        : c.revision !== undefined && !isRevisionName(c.revision)
          ? E.left(
              new LoadError(file, `unknown revision \`${c.revision}' (known: ${revisionNames.join(", ")})`, {
                path: ["revision"],
              }),
            )
          : E.right(c),
    ),
  );
}

/** Read and decode a case file (or a scenario: see decodeCase); throws a LoadError. */
export function readCase(file: string, scenario = false): Case {
  const r = pipe(
    parseJson(readFileSync(file, "utf8"), file),
    E.chain((v) => decodeCase(v, file, scenario)),
  );
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

// ---------------------------------------------------------------------------
// Evaluation

/** What the harness reports for a module set. */
export interface CaseValues {
  services: Json;
  units: Json;
  warnings: Json;
  backend: Json;
  dockerEnable: Json;
  podmanEnable: Json;
  /** Revisions after the seed: the messages of the assertions that fail. */
  failedAssertions?: Json;
}

export type CaseResult =
  | { ok: true; values: CaseValues; scripts: Record<string, Script> }
  | {
      ok: false;
      /** The error's own message (what `error.contains` is matched against). */
      message: string;
      /** As the CLI prints it: `error: ...`, continuation lines indented. */
      rendered: string;
      /** Not an evaluation or load error: a bug (a JavaScript exception). */
      internal: boolean;
      cause: unknown;
    };

/** Service options without a default: left out unless they evaluate (eval.nix's `clean`). */
const NO_DEFAULT = ["startLimitBurst", "startLimitIntervalSec"];

/**
 * Does forcing `attrs.name` deeply succeed? (Nix `tryEval (deepSeq v true)`: a `throw` is a
 * failure; an abort, an infinite recursion or a type error is not caught.) An option nothing
 * defines is known to fail without reading it, so without making its error.
 */
function defined(attrs: object, name: string): boolean {
  if (usedButNotDefined(attrs, name)) return false;
  try {
    toJsonValue((attrs as Record<string, unknown>)[name], { dropModule: true });
    return true;
  } catch (e) {
    if (caughtByTryEval(e)) return false;
    throw e;
  }
}

/** No names to leave out (one frozen list for all). */
const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * The reference harness's cleaning for a value printed from `attrPath` of the config:
 * `_module` dropped, and in every service of `systemd.services` startLimitBurst /
 * startLimitIntervalSec left out when they have no value.
 */
export function referenceCleaning(attrPath: readonly string[]): ToJsonOptions {
  return {
    dropModule: true,
    omit: (attrs, path) => {
      // A service: `systemd.services.<name>`, from wherever the printed value starts.
      const depth = attrPath.length + path.length;
      const at = (i: number): string | undefined =>
        i < attrPath.length ? attrPath[i] : path[i - attrPath.length];
      const isService = depth === 3 && at(0) === "systemd" && at(1) === "services";
      return isService ? NO_DEFAULT.filter((n) => n in attrs && !defined(attrs, n)) : NO_NAMES;
    },
  };
}

/** `config.systemd.services` as the reference prints it (see `referenceCleaning`). */
export function servicesJson(services: unknown): Json {
  return toJsonValue(services, referenceCleaning(["systemd", "services"]));
}

/** `mapAttrs (n: u: u.text) config.systemd.units`. */
function unitsJson(units: unknown): Json {
  const out = Object.create(null) as Record<string, Json>;
  const u = units as Record<string, { text: unknown }>;
  for (const n of Object.keys(u).sort(compareCodeUnits)) {
    Object.defineProperty(out, n, {
      value: toJsonValue(u[n].text),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** An error as a failed result. */
export function errorResult(e: unknown, showTrace = false): Extract<CaseResult, { ok: false }> {
  const internal = !(e instanceof EvalError || e instanceof LoadError);
  const message = e instanceof Error ? e.message : String(e);
  return {
    ok: false,
    message,
    rendered: internal ? renderException(e) : renderError(e, showTrace),
    internal,
    cause: e,
  };
}

/** The case's own modules, as the harness builds them: `{ _file = m.file; config = m.config; }`. */
export function caseModules(c: Case): E.Either<LoadError, Module[]> {
  return pipe(
    c.modules,
    E.traverseArray((m) => decodeModule({ config: m.config }, m.file)),
    E.map((ms) => [...ms] as Module[]),
  );
}

/** The revision of a case: its `revision` field, or the seed's. */
export const caseRevision = (c: Case): Revision => revisionNamed(c.revision ?? SEED);

/** The revision of cases without a `revision` field. */
const SEED = "2023-07";

/**
 * Evaluate a case the way eval.nix does: with the modules and the lib of its revision, values
 * forced in Nix's printing order.
 */
export function evaluateCase(c: Case): CaseResult {
  const mods = caseModules(c);
  if (E.isLeft(mods)) return errorResult(mods.left);
  const revision = caseRevision(c);
  const pkgs = makePkgs();
  return withLibRevision(revision.lib, (): CaseResult => {
    try {
      const { config } = evalModules({
        modules: [...revision.modules, ...mods.right],
        specialArgs: { pkgs },
      });
      const oci = config.virtualisation["oci-containers"];
      // Nix prints the result's attributes in name order, forcing each in turn.
      const backend = toJsonValue(oci.backend);
      const dockerEnable = toJsonValue(config.virtualisation.docker.enable);
      const failed = revision.name === SEED ? undefined : toJsonValue(failedAssertions(config.assertions));
      const podmanEnable = toJsonValue(config.virtualisation.podman.enable);
      const services = servicesJson(config.systemd.services);
      const units = unitsJson(config.systemd.units);
      const warnings = toJsonValue(config.warnings);
      const scripts = Object.create(null) as Record<string, Script>;
      for (const [path, s] of [...pkgs.builtScripts.entries()].sort(([a], [b]) => compareCodeUnits(a, b))) {
        scripts[path] = { builder: s.builder, name: s.name, text: s.text };
      }
      const values: CaseValues = { services, units, warnings, backend, dockerEnable, podmanEnable };
      if (failed !== undefined) values.failedAssertions = failed;
      return { ok: true, values, scripts };
    } catch (e) {
      return errorResult(e);
    }
  });
}

// ---------------------------------------------------------------------------
// Comparison

/** Marks a value that is not there (a missing attribute or list element). */
export const MISSING: unique symbol = Symbol("missing");
/** Marks "evaluation succeeded" where an error was expected. */
export const NO_ERROR: unique symbol = Symbol("no error");

export interface Difference {
  /** JSON path of the first difference (`services.podman-web.after[0]`), or `error`. */
  path: string;
  expected: unknown;
  actual: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The first path (in sorted-key, list order) where `expected` and `actual` differ. */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; expected: unknown; actual: unknown } | null {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(
        i < expected.length ? expected[i] : MISSING,
        i < actual.length ? actual[i] : MISSING,
        [...path, i],
      );
      if (d) return d;
    }
    return null;
  }
  if (isObj(expected) && isObj(actual)) {
    const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort(compareCodeUnits);
    for (const k of keys) {
      const d = firstDifference(
        has(expected, k) ? expected[k] : MISSING,
        has(actual, k) ? actual[k] : MISSING,
        [...path, k],
      );
      if (d) return d;
    }
    return null;
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0) ? null : { path, expected, actual };
}

const VALUE_KEYS = [
  "services",
  "units",
  "warnings",
  "backend",
  "dockerEnable",
  "podmanEnable",
  "failedAssertions",
] as const;

/**
 * What Nix printed, without the `trace:` lines before the error (printed as they happened,
 * on the same stream: the engine prints them too, where they happen, not in the error).
 */
function withoutTraces(printed: string): string {
  if (printed.startsWith("error: ")) return printed;
  const at = printed.indexOf("\nerror: ");
  return at < 0 ? printed : printed.slice(at + 1);
}

/**
 * The first way `result` differs from what the case expects, or null when it conforms. For an
 * error case: the message contains `error.contains`, and is Nix's (`error.nixMessage`) as
 * printed, if the case has it.
 */
export function compareCase(c: Case, result: CaseResult): Difference | null {
  if (c.error) {
    const want = c.error.contains;
    if (result.ok) return { path: "error", expected: want, actual: NO_ERROR };
    if (result.internal)
      return { path: "error", expected: want, actual: `internal error: ${result.message}` };
    if (!result.message.includes(want) && !result.rendered.includes(want)) {
      return { path: "error", expected: want, actual: result.message };
    }
    // Nix's whole message, where the case has it: the same, line for line.
    const nix = c.error.nixMessage === undefined ? undefined : withoutTraces(c.error.nixMessage);
    if (nix === undefined || nix === result.rendered) return null;
    return { path: "error (as printed)", expected: nix, actual: result.rendered };
  }
  if (!result.ok) {
    return { path: "(evaluation)", expected: "no error", actual: result.message };
  }
  const expected = c.expected as unknown as Record<string, unknown>;
  for (const k of VALUE_KEYS) {
    const d = firstDifference(expected[k], result.values[k], [k]);
    if (d) return { path: formatPath(d.path), expected: d.expected, actual: d.actual };
  }
  for (const [p, s] of Object.entries(c.scripts ?? {}).sort(([a], [b]) => compareCodeUnits(a, b))) {
    const got = Object.prototype.hasOwnProperty.call(result.scripts, p) ? result.scripts[p] : undefined;
    if (!got) {
      return { path: formatPath(["scripts", p]), expected: s, actual: MISSING };
    }
    const d = firstDifference(s, got, ["scripts", p]);
    if (d) return { path: formatPath(d.path), expected: d.expected, actual: d.actual };
  }
  return null;
}

/** A value of a difference for a one-line report. */
export function showDiffValue(v: unknown): string {
  if (v === MISSING) return "(missing)";
  if (v === NO_ERROR) return "no error";
  return JSON.stringify(v) ?? String(v);
}

/** `at PATH: expected X, got Y` or `expected an error containing X, got Y` (with the first differing line for multi-line strings). */
export function describeDifference(d: Difference): string {
  if (d.path === "error") {
    return `expected an error containing ${showDiffValue(d.expected)}, got ${showDiffValue(d.actual)}`;
  }
  let hint = "";
  if (
    typeof d.expected === "string" &&
    typeof d.actual === "string" &&
    (d.expected + d.actual).includes("\n")
  ) {
    const a = d.expected.split("\n");
    const b = d.actual.split("\n");
    const i = a.findIndex((l, j) => l !== b[j]);
    const line = i === -1 ? a.length : i;
    hint = ` (first differing line ${line + 1}: expected ${JSON.stringify(a[line] ?? null)}, got ${JSON.stringify(b[line] ?? null)})`;
  }
  return `at ${d.path}: expected ${showDiffValue(d.expected)}, got ${showDiffValue(d.actual)}${hint}`;
}
