/**
 * `explain`: how an option got its value. For one option (or an attribute of an
 * attribute-set option, or an option inside a submodule value, e.g.
 * `virtualisation.oci-containers.containers.web.image`), every definition with its file,
 * override priority and order priority, what became of it (dropped by mkIf false, overridden
 * by a definition of lower priority number, or used, and where in the merge order), and for
 * list and attribute-set values which definitions contributed which elements or attributes.
 *
 * The analysis replays the steps of the engine on the definitions, without changing them:
 *
 *   collect modules -> push properties down to the option (pushDownProperties)
 *   -> discharge mkMerge / mkIf (dischargeProperties) -> keep the lowest override priority
 *   (filterOverrides) -> sort by order priority, stably (sortProperties) -> the type's merge.
 *
 * The modules are collected again with the arguments of the finished evaluation (module
 * functions are called a second time; they are pure), so the definitions are those the
 * engine saw, in the engine's order. Inside a submodule value, the submodule is evaluated as
 * the submodule type does it, with the definitions that won at the enclosing level.
 */
import { compareCodeUnits, isAttrs } from "../lib/attrs-lazy.js";
import { didYouMean } from "../lib/suggest.js";
import { cells, type Cell } from "../lib/cells.js";
import { collectModules, moduleArgs } from "../lib/collect.js";
import { EvalError, throwError, throwTypeError } from "../lib/errors.js";
import { evalModules, type EvalModulesArgs, type Evaluation } from "../lib/evaluation.js";
import { EvaluationScope, inScope } from "../lib/evaluation-scope.js";
import { force, Lazy } from "../lib/lazy.js";
import { lib } from "../lib/lib.js";
import type { Module } from "../lib/module-types.js";
import { toPretty, withRecursion } from "../lib/nix/generators.js";
import { renderOptionValue, type RenderedValue } from "../lib/option-docs.js";
import { isOption, showOption } from "../lib/options.js";
import {
  conditionFor,
  conditionValue,
  defaultOrderPriority,
  defaultOverridePriority,
  mkOptionDefault,
  pushDownProperties,
  typeTag,
  type If,
  type Merge,
  type Order,
  type Override,
} from "../lib/properties.js";
import type { OptionType } from "../types/option-type.js";

/** What became of one definition. */
export type DefinitionStatus =
  | { kind: "used"; position: number }
  | { kind: "dropped"; reason: "mkIf false" }
  | { kind: "overridden"; winningPriority: number }
  | { kind: "error"; message: string };

/** One definition after mkMerge was expanded: a module's value for the option. */
export interface DefinitionReport {
  /** The file (module `_file`) the definition comes from. */
  file: string;
  /** The option's declared default (a definition of priority 1500, mkOptionDefault). */
  isDefault: boolean;
  /** Index of the raw definition it came from (one raw definition may hold an mkMerge). */
  source: number;
  /** The mkIf conditions it was under, outermost first (each true, or the last false). */
  conditions: boolean[];
  /** Override priority: 100 plain, 50 mkForce, 1000 mkDefault, 1500 option default. */
  overridePriority: number;
  /** Order priority: 1000 plain, 500 mkBefore, 1500 mkAfter. */
  orderPriority: number;
  /** The value without its properties (as far as it could be evaluated). */
  value: Shown;
  status: DefinitionStatus;
}

/** A value, or why it could not be evaluated. */
export type Shown = { ok: true; value: unknown } | { ok: false; error: string };

/** How a list or attribute-set value was put together from the definitions that won. */
export type Assembly =
  | { kind: "list"; parts: { file: string; orderPriority: number; elements: unknown[] }[] }
  | { kind: "attrs"; attributes: { name: string; files: string[] }[] }
  | { kind: "strings"; parts: { file: string; orderPriority: number; text: string }[] };

export interface Explanation {
  loc: string[];
  name: string;
  /** An option, or an attribute of an attribute-set option's value (no declaration of its own). */
  kind: "option" | "attribute";
  type: string;
  declarations: string[];
  description: string | null;
  default?: RenderedValue;
  value: Shown;
  /** Every definition, in the engine's merge order (the declared default first). */
  definitions: DefinitionReport[];
  /** The override priority that won (null: no definition survived mkIf). */
  highestPriority: number | null;
  assembly: Assembly | null;
  /** The enclosing options and attributes the path went through, outermost first. */
  via: Explanation[];
}

// ---------------------------------------------------------------------------------------------
// Values

const shown = (f: () => unknown): Shown => {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof EvalError || e instanceof Error) return { ok: false, error: e.message.split("\n")[0]! };
    throw e;
  }
};

/** A one-line rendering of a value, like Nix shows it, cut at `max` characters. */
export function showValue(v: Shown, max = 160): string {
  if (!v.ok) return `<error: ${v.error}>`;
  let s: string;
  try {
    s = toPretty(withRecursion({ depthLimit: 8, throwOnDepthLimit: false })(v.value), { multiline: false });
  } catch (e) {
    s = `<error: ${(e as Error).message.split("\n")[0]}>`;
  }
  return s.length > max ? s.slice(0, max - 3) + "..." : s;
}

// ---------------------------------------------------------------------------------------------
// Collecting definitions (mergeModules' walk, kept to one path)

interface RawDef {
  file: string;
  value: Cell;
  isDefault?: boolean;
}

/** The definitions the engine sees for the option at `path` of an evaluation of `args`. */
function collectDefinitions(args: EvalModulesArgs, ev: Evaluation, path: readonly string[]): RawDef[] {
  const specialArgs = args.specialArgs ?? {};
  const fixed: Record<string, unknown> = {
    lib,
    options: ev.options,
    config: ev.config,
    specialArgs,
    ...(args.name !== undefined ? { name: args.name } : {}),
    ...specialArgs,
  };
  const lookup = (name: string): unknown => {
    const margs = ev._module.args as Record<string, unknown>;
    if (!(name in margs)) throwTypeError(`attribute '${name}' missing`);
    return margs[name];
  };
  const collected = collectModules(
    args.class ?? null,
    String(specialArgs.modulesPath ?? ""),
    args.modules,
    (key) => moduleArgs(key, fixed, lookup),
  ).reverse();
  let configs: { file: string; config: unknown }[] = collected.flatMap((m) =>
    pushDownProperties(force(m.config)).map((config) => ({ file: m._file, config })),
  );
  let defs: RawDef[] = [];
  path.forEach((name, i) => {
    const found: RawDef[] = [];
    for (const { file, config } of configs) {
      const sub = force(config);
      if (!isAttrs(sub)) continue;
      const cell = cells(sub).find(([n]) => n === name);
      if (cell) found.push({ file, value: cell[1] });
    }
    if (i === path.length - 1) defs = found;
    else
      configs = found.flatMap((d) =>
        pushDownProperties(force(d.value)).map((config) => ({ file: d.file, config })),
      );
  });
  return defs;
}

// ---------------------------------------------------------------------------------------------
// Properties, step by step

interface Leaf {
  source: number;
  file: string;
  isDefault: boolean;
  conditions: boolean[];
  dropped: boolean;
  raw: unknown;
}

function discharge(def: RawDef, source: number): Leaf[] {
  const go = (v0: unknown, conditions: boolean[]): Leaf[] => {
    const v = force(v0);
    const t = typeTag(v);
    if (t === "merge") return (force((v as Merge).contents) as unknown[]).flatMap((c) => go(c, conditions));
    if (t === "if") {
      const p = v as { condition: unknown; content: unknown };
      const c = conditionValue(conditionFor(p as If));
      if (!c)
        return [
          {
            source,
            file: def.file,
            isDefault: !!def.isDefault,
            conditions: [...conditions, false],
            dropped: true,
            raw: p.content,
          },
        ];
      return go(p.content, [...conditions, true]);
    }
    return [{ source, file: def.file, isDefault: !!def.isDefault, conditions, dropped: false, raw: v }];
  };
  return go(def.value, []);
}

interface Analysis {
  reports: DefinitionReport[];
  /** The definitions that won, in merge order, with their values stripped of properties. */
  winners: { file: string; value: unknown; orderPriority: number; report: DefinitionReport }[];
  highestPriority: number | null;
}

/** dischargeProperties, filterOverrides and sortProperties over the definitions, recorded. */
function analyze(defs: readonly RawDef[]): Analysis {
  const reports: DefinitionReport[] = [];
  const live: { report: DefinitionReport; content: () => unknown }[] = [];
  defs.forEach((def, i) => {
    let leaves: Leaf[];
    try {
      leaves = discharge(def, i);
    } catch (e) {
      reports.push({
        file: def.file,
        isDefault: !!def.isDefault,
        source: i,
        conditions: [],
        overridePriority: defaultOverridePriority,
        orderPriority: defaultOrderPriority,
        value: { ok: false, error: (e as Error).message.split("\n")[0]! },
        status: { kind: "error", message: (e as Error).message.split("\n")[0]! },
      });
      return;
    }
    for (const leaf of leaves) {
      const isOverride = typeTag(leaf.raw) === "override";
      const overridePriority = isOverride ? (leaf.raw as Override).priority : defaultOverridePriority;
      const afterOverride = new Lazy(() => (isOverride ? force((leaf.raw as Override).content) : leaf.raw));
      const isOrder = (): boolean => typeTag(afterOverride.force()) === "order";
      let orderPriority = defaultOrderPriority;
      try {
        if (!leaf.dropped && isOrder()) orderPriority = (afterOverride.force() as Order).priority;
      } catch {
        // shown as the value's error below
      }
      const stripped = (): unknown => {
        const v = afterOverride.force();
        return typeTag(v) === "order" ? force((v as Order).content) : v;
      };
      const report: DefinitionReport = {
        file: leaf.file,
        isDefault: leaf.isDefault,
        source: leaf.source,
        conditions: leaf.conditions,
        overridePriority,
        orderPriority,
        value: leaf.dropped ? shown(() => stripAll(leaf.raw)) : shown(stripped),
        status: leaf.dropped ? { kind: "dropped", reason: "mkIf false" } : { kind: "used", position: -1 },
      };
      reports.push(report);
      if (!leaf.dropped) live.push({ report, content: stripped });
    }
  });
  if (live.length === 0) return { reports, winners: [], highestPriority: null };
  const highest = Math.min(...live.map((l) => l.report.overridePriority));
  const kept = live.filter((l) => {
    if (l.report.overridePriority === highest) return true;
    l.report.status = { kind: "overridden", winningPriority: highest };
    return false;
  });
  const sorted = kept
    .map((l, i) => [l, i] as const)
    .sort((a, b) => a[0].report.orderPriority - b[0].report.orderPriority || a[1] - b[1])
    .map(([l]) => l);
  const winners = sorted.map((l, position) => {
    l.report.status = { kind: "used", position: position + 1 };
    return {
      file: l.report.file,
      value: l.report.value.ok ? l.report.value.value : undefined,
      orderPriority: l.report.orderPriority,
      report: l.report,
    };
  });
  return { reports, winners, highestPriority: highest };
}

/** A value with every property wrapper removed (for showing dropped definitions). */
function stripAll(v0: unknown): unknown {
  const v = force(v0);
  const t = typeTag(v);
  if (t === "if" || t === "override" || t === "order") return stripAll((v as { content: unknown }).content);
  if (t === "merge") return (force((v as Merge).contents) as unknown[]).map(stripAll);
  return v;
}

function assemble(winners: Analysis["winners"]): Assembly | null {
  if (winners.length === 0) return null;
  const values = winners.map((w) => w.value);
  if (values.every(Array.isArray)) {
    return {
      kind: "list",
      parts: winners.map((w) => ({
        file: w.file,
        orderPriority: w.orderPriority,
        elements: w.value as unknown[],
      })),
    };
  }
  if (values.every((v) => isAttrs(v) && (v as { type?: unknown }).type !== "derivation")) {
    const byName = new Map<string, string[]>();
    for (const w of winners) {
      for (const [n] of cells(w.value)) {
        const files = byName.get(n) ?? [];
        if (!files.includes(w.file)) files.push(w.file);
        byName.set(n, files);
      }
    }
    return {
      kind: "attrs",
      attributes: [...byName.keys()]
        .sort(compareCodeUnits)
        .map((name) => ({ name, files: byName.get(name)! })),
    };
  }
  if (winners.length > 1 && values.every((v) => typeof v === "string")) {
    return {
      kind: "strings",
      parts: winners.map((w) => ({ file: w.file, orderPriority: w.orderPriority, text: w.value as string })),
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Walking the path

const isSubmoduleType = (t: OptionType | undefined): boolean => t?.name === "submodule";
const isAttrsOfType = (t: OptionType | undefined): boolean =>
  t?.name === "attrsOf" || t?.name === "lazyAttrsOf";

function select(v: unknown, path: readonly string[]): unknown {
  let x = v;
  for (const n of path) {
    if (!isAttrs(x) || !(n in x)) throwError(`attribute '${n}' not found`);
    x = (x as Record<string, unknown>)[n];
  }
  return x;
}

/** The evaluation a submodule value gets: the type's modules and the definitions that won. */
function submoduleArgs(type: OptionType, loc: string[], winners: Analysis["winners"]): EvalModulesArgs {
  const payload = type.functor.payload as {
    modules: readonly Module[];
    specialArgs?: Record<string, unknown>;
    shorthandOnlyDefinesConfig?: boolean | null;
    class?: string | null;
  };
  const name = loc[loc.length - 1]!;
  const defModules = winners.map(({ file, value }) =>
    isAttrs(value) && typeof value !== "function" && payload.shorthandOnlyDefinesConfig
      ? { _file: file, config: value }
      : { _file: file, imports: [value] },
  );
  return {
    class: payload.class ?? null,
    specialArgs: payload.specialArgs ?? {},
    modules: [
      { _module: { args: { name: mkOptionDefault("‹name›") } } },
      ...payload.modules,
      { _module: { args: { name } } },
      ...(defModules as Module[]),
    ],
    prefix: loc,
    name,
  };
}

interface Step {
  loc: string[];
  kind: "option" | "attribute";
  type: OptionType | undefined;
  decl: Record<string, any> | null;
  defs: RawDef[];
}

function explanationOf(step: Step, value: Shown, via: Explanation[]): { e: Explanation; a: Analysis } {
  const a = analyze(step.defs);
  const decl = step.decl;
  const e: Explanation = {
    loc: step.loc,
    name: showOption(step.loc),
    kind: step.kind,
    type: step.type?.description ?? "unspecified",
    declarations: decl ? ((decl.declarations as string[]) ?? []) : [],
    description: decl ? ((decl.description as string | undefined) ?? null) : null,
    value,
    definitions: a.reports,
    highestPriority: a.highestPriority,
    assembly: assemble(a.winners),
    via,
  };
  if (decl && ("defaultText" in decl || "default" in decl)) {
    const d = shown(() => renderOptionValue("defaultText" in decl ? decl.defaultText : decl.default));
    if (d.ok) e.default = d.value as RenderedValue;
  }
  return { e, a };
}

/** Follow `path` from the options of an evaluation of `args`; `via` are the outer steps. */
function explainIn(args: EvalModulesArgs, path: readonly string[], via: Explanation[]): Explanation {
  const ev = evalModules(args);
  const prefix = [...(args.prefix ?? [])];
  let node: unknown = ev.options;
  let k = 0;
  for (; k < path.length; k++) {
    if (isOption(node)) break;
    if (!isAttrs(node) || !(path[k]! in node)) {
      const near = isAttrs(node) ? didYouMean(path[k]!, Object.keys(node).sort(compareCodeUnits)) : "";
      throwError(`The option \`${showOption([...prefix, ...path.slice(0, k + 1)])}' does not exist.${near}`);
    }
    node = (node as Record<string, unknown>)[path[k]!];
  }
  if (!isOption(node)) {
    const names = isAttrs(node) ? Object.keys(node).sort(compareCodeUnits) : [];
    throwError(
      `\`${showOption([...prefix, ...path])}' is not an option but a set of options: ${names.map((n) => showOption([n])).join(", ")}`,
    );
  }
  const decl = node as Record<string, any>;
  const optPath = path.slice(0, k);
  const rest = path.slice(k);
  const loc = [...prefix, ...optPath];
  const declared = collectDefinitions(args, ev, optPath);
  const defs: RawDef[] =
    "default" in decl
      ? [
          {
            file: decl.declarations[0],
            value: new Lazy(() => mkOptionDefault(decl.default)),
            isDefault: true,
          },
          ...declared,
        ]
      : declared;
  let step: Step = { loc, kind: "option", type: decl.type as OptionType, decl, defs };
  const valueAt = (p: readonly string[]): Shown => shown(() => select(ev.config, p));

  let remaining = [...rest];
  let relPath = [...optPath];
  for (;;) {
    if (remaining.length === 0) return explanationOf(step, valueAt(relPath), via).e;
    const { e, a } = explanationOf(step, valueAt(relPath), via);
    const outer = [...via, e];
    if (isSubmoduleType(step.type)) {
      return explainIn(submoduleArgs(step.type!, step.loc, a.winners), remaining, outer);
    }
    if (isAttrsOfType(step.type)) {
      const name = remaining[0]!;
      const elemDefs: RawDef[] = a.winners.flatMap((w) => {
        const c = cells(w.value).find(([n]) => n === name);
        return c ? [{ file: w.file, value: c[1] }] : [];
      });
      if (elemDefs.length === 0) {
        const names = [...new Set(a.winners.flatMap((w) => cells(w.value).map(([n]) => n)))].sort(compareCodeUnits);
        throwError(
          `\`${showOption([...step.loc, name])}' is not defined (no definition of \`${showOption(step.loc)}' has the attribute \`${name}').${didYouMean(name, names)}`,
        );
      }
      step = {
        loc: [...step.loc, name],
        kind: "attribute",
        type: (step.type!.nestedTypes as Record<string, OptionType>).elemType,
        decl: null,
        defs: elemDefs,
      };
      remaining = remaining.slice(1);
      relPath = [...relPath, name];
      via = outer;
      continue;
    }
    return throwError(
      `cannot look inside \`${showOption(step.loc)}': its type \`${step.type?.description ?? "unspecified"}' has no options or attributes of its own`,
    );
  }
}

/**
 * Explain the option (or attribute of an option's value) at `path` in an evaluation of
 * `args` (the arguments of `evalModules`).
 */
export function explainOption(args: EvalModulesArgs, path: readonly string[]): Explanation {
  // (One evaluation, the one explained: what explain reads of the modules is read for it.)
  return inScope(new EvaluationScope(), () => explainIn(args, path, []));
}

// ---------------------------------------------------------------------------------------------
// Rendering

const priorityName: Record<number, string> = {
  10: "mkVMOverride",
  50: "mkForce",
  60: "mkImageMediaOverride",
  100: "plain",
  1000: "mkDefault",
  1500: "mkOptionDefault",
};
const orderName: Record<number, string> = { 500: "mkBefore", 1000: "plain", 1500: "mkAfter" };

export const describePriority = (p: number): string =>
  `${p}${priorityName[p] ? ` (${priorityName[p]})` : ""}`;
export const describeOrder = (p: number): string => `${p}${orderName[p] ? ` (${orderName[p]})` : ""}`;

function statusText(d: DefinitionReport): string {
  switch (d.status.kind) {
    case "used":
      return `used, #${d.status.position} in merge order`;
    case "dropped":
      return "dropped: mkIf condition is false";
    case "overridden":
      return `overridden: priority ${d.overridePriority} loses to ${d.status.winningPriority} (lower number wins)`;
    case "error":
      return `error: ${d.status.message}`;
  }
}

/** Why the winners won, in a sentence. */
function verdict(e: Explanation): string {
  const used = e.definitions.filter((d) => d.status.kind === "used");
  const dropped = e.definitions.filter((d) => d.status.kind === "dropped").length;
  const overridden = e.definitions.filter((d) => d.status.kind === "overridden").length;
  if (e.highestPriority === null) {
    return dropped > 0
      ? `No definition survives: ${dropped} dropped by mkIf false; the option is used but not defined.`
      : "No definitions: the option is used but not defined.";
  }
  const parts = [
    `${used.length} of ${e.definitions.length} definition(s) used, those of priority ${describePriority(e.highestPriority)}`,
  ];
  if (overridden > 0) parts.push(`${overridden} overridden by a lower priority number`);
  if (dropped > 0) parts.push(`${dropped} dropped by mkIf false`);
  const orders = new Set(used.map((d) => d.orderPriority));
  let s = parts.join("; ") + ".";
  if (used.length > 1) {
    s +=
      orders.size > 1
        ? " They are merged sorted by order priority (lower first), module order breaking ties."
        : " They are merged in module order.";
  }
  return s;
}

const indent = (s: string, by: string): string =>
  s
    .split("\n")
    .map((l) => by + l)
    .join("\n");

/** A text rendering of an explanation, for the terminal. */
export function renderExplanation(e: Explanation): string {
  const out: string[] = [];
  for (const v of e.via) {
    const used = v.definitions.filter((d) => d.status.kind === "used").map((d) => d.file);
    out.push(
      `via ${v.name} (${v.type}): from ${used.length > 0 ? [...new Set(used)].join(", ") : "nothing"}`,
    );
  }
  if (e.via.length > 0) out.push("");
  out.push(`${e.kind === "option" ? "Option" : "Attribute"}: ${e.name}`);
  out.push(`Type: ${e.type}`);
  if (e.declarations.length > 0) out.push(`Declared in: ${e.declarations.join(", ")}`);
  if (e.default !== undefined)
    out.push(
      `Default: ${e.default.text.includes("\n") ? "\n" + indent(e.default.text, "    ") : e.default.text}`,
    );
  if (e.description) out.push(`Description: ${e.description.trim().split("\n")[0]}`);
  out.push(`Value: ${showValue(e.value, 400)}`);
  out.push("");
  out.push(`Definitions (${e.definitions.length}, in definition order):`);
  e.definitions.forEach((d, i) => {
    const label = d.isDefault ? `${d.file} (the option's default)` : d.file;
    out.push(`  ${i + 1}. ${label}`);
    out.push(`     value:    ${showValue(d.value)}`);
    const conds = d.conditions.length > 0 ? `, under mkIf ${d.conditions.map(String).join(", ")}` : "";
    out.push(
      `     priority: ${describePriority(d.overridePriority)}, order ${describeOrder(d.orderPriority)}${conds}`,
    );
    out.push(`     => ${statusText(d)}`);
  });
  out.push("");
  out.push(verdict(e));
  const a = e.assembly;
  if (a?.kind === "list") {
    out.push("", "Assembled list (in merge order):");
    for (const p of a.parts) {
      out.push(`  ${p.file} [order ${describeOrder(p.orderPriority)}]: ${p.elements.length} element(s)`);
      for (const el of p.elements) out.push(`    - ${showValue({ ok: true, value: el }, 200)}`);
    }
  } else if (a?.kind === "attrs") {
    out.push("", "Attributes (and the definitions that set them):");
    for (const at of a.attributes) out.push(`  ${showOption([at.name])}: ${at.files.join(", ")}`);
  } else if (a?.kind === "strings") {
    out.push("", "Concatenated (in merge order):");
    for (const p of a.parts)
      out.push(
        `  ${p.file} [order ${describeOrder(p.orderPriority)}]: ${showValue({ ok: true, value: p.text }, 200)}`,
      );
  }
  return out.join("\n") + "\n";
}
