/**
 * Random scenarios for the differential test: option trees of the common types (with
 * defaults, readOnly, apply), and two to five modules defining them with plain values,
 * mkIf (constant and config-reading conditions), mkMerge, mkOverride, mkOrder, imports,
 * definitions reading config (cycles included), and a few mistakes (a value of the wrong
 * type, a definition without an option, a property around a value that is no attribute set
 * where options are declared below). The same seed gives the same scenario.
 *
 * Left out, as known and documented differences (docs/merge-rules.md): mkOrder around a
 * definition of a submodule, and an `apply` that keeps its argument unevaluated (`x: [ x ]`).
 */
import {
  isOption,
  type Apply,
  type ModuleSpec,
  type OptTree,
  type Scenario,
  type Ty,
  type Val,
} from "./scenario.js";

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** One of the choices, by weight. */
  weighted<T>(choices: readonly [number, () => T][]): T {
    const total = choices.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, f] of choices) {
      if ((r -= w) < 0) return f();
    }
    return choices[choices.length - 1]![1]();
  }
  /** A few distinct elements of `xs`, in their order. */
  subset<T>(xs: readonly T[], p: number): T[] {
    return xs.filter(() => this.chance(p));
  }
}

/** An option's path and type. */
interface Declared {
  path: string[];
  type: Ty;
}

/** Does the type merge its definitions as a submodule does (where mkOrder is a known difference)? */
function mergesAsSubmodule(t: Ty): boolean {
  if (typeof t === "string") return false;
  if (t[0] === "submodule") return true;
  if (t[0] === "nullOr" || t[0] === "uniq") return mergesAsSubmodule(t[1]);
  if (t[0] === "unique") return mergesAsSubmodule(t[2]);
  if (t[0] === "either") return mergesAsSubmodule(t[1]) || mergesAsSubmodule(t[2]);
  return false;
}

function genType(g: Gen, depth: number): Ty {
  const inner = (): Ty => genType(g, depth + 1);
  const deep = depth < 2 ? 1 : 0;
  return g.weighted<Ty>([
    [3, () => "int"],
    [2, () => "str"],
    [2, () => "bool"],
    [1, () => "lines"],
    [1, () => "commas"],
    [1, () => ["enum", g.chance(0.5) ? ["a", "b"] : [1, 2]]],
    [1, () => "anything"],
    [1, () => "unsignedInt"],
    [2 * deep, () => ["listOf", inner()]],
    [0.5 * deep, () => ["nonEmptyListOf", inner()]],
    [2 * deep, () => ["attrsOf", inner()]],
    [1 * deep, () => ["lazyAttrsOf", inner()]],
    [1 * deep, () => ["nullOr", inner()]],
    [1 * deep, () => ["either", inner(), inner()]],
    [1 * deep, () => ["uniq", inner()]],
    [1 * deep, () => ["submodule", genOptTree(g, depth + 1, 1)]],
  ]);
}

function genOption(g: Gen, depth: number): OptTree[string] {
  const type = genType(g, depth);
  const opt: { type: Ty; default?: Val; readOnly?: true; apply?: Apply } = { type };
  // (A default of a submodule's option reads nothing: its config is the submodule's.)
  if (depth > 0 && g.chance(0.4)) opt.default = genValue(g, type, [], 0, { properties: false, refs: [] });
  if (g.chance(0.05)) opt.readOnly = true;
  if (g.chance(0.1))
    opt.apply = type === "bool" ? g.pick<Apply>(["not", "id"]) : g.pick<Apply>(["id", "const"]);
  return { $opt: opt };
}

function genOptTree(g: Gen, depth: number, groups: number): OptTree {
  const tree: OptTree = {};
  const names = depth === 0 ? ["a", "b", "c", "d"] : ["o", "p", "q"];
  for (const n of g.subset(names, 0.6)) {
    tree[n] = genOption(g, depth);
  }
  if (depth === 0) {
    for (const n of ["g", "h"].slice(0, groups)) {
      if (!g.chance(0.5)) continue;
      const sub: OptTree = {};
      for (const m of ["o", "p"]) if (g.chance(0.7)) sub[m] = genOption(g, 1);
      if (g.chance(0.2)) sub.n = { r: genOption(g, 1) };
      if (Object.keys(sub).length > 0) tree[n] = sub;
    }
  }
  if (Object.keys(tree).length === 0) tree[names[0]!] = genOption(g, depth);
  return tree;
}

interface ValueContext {
  /** Wrap in properties (mkIf, mkMerge, ...)? */
  properties: boolean;
  /** The options a value may read (undefined: all declared ones). */
  refs?: Declared[];
}

let declaredNow: Declared[] = [];

function genCondition(g: Gen): Val {
  const bools = declaredNow.filter((d) => d.type === "bool");
  return g.weighted<Val>([
    [9, () => true],
    [7, () => false],
    [bools.length > 0 ? 4 : 0, () => ({ $ref: g.pick(bools).path })],
    [1, () => g.pick<Val>([1, "yes", null])],
  ]);
}

/** A value of the wrong kind for most types. */
const genWrong = (g: Gen): Val => g.pick<Val>([7, "w", true, null, [1], { k: 1 }]);

function genValue(g: Gen, t: Ty, path: string[], depth: number, ctx: ValueContext): Val {
  const refs = ctx.refs ?? declaredNow;
  if (g.chance(0.03)) return genWrong(g);
  if (refs.length > 0 && g.chance(0.06)) {
    const same = refs.filter((d) => JSON.stringify(d.type) === JSON.stringify(t));
    return { $ref: g.pick(same.length > 0 && g.chance(0.7) ? same : refs).path };
  }
  if (ctx.properties && depth < 3 && g.chance(0.25)) {
    const inner = (): Val => genValue(g, t, path, depth + 1, ctx);
    return g.weighted<Val>([
      [4, () => ({ $if: genCondition(g), then: inner() })],
      [3, () => ({ $override: g.pick([10, 50, 100, 1000, 1500]), content: inner() })],
      [mergesAsSubmodule(t) ? 0 : 2, () => ({ $order: g.pick([500, 1000, 1500]), content: inner() })],
      [2, () => ({ $merge: g.chance(0.5) ? [inner()] : [inner(), inner()] })],
    ]);
  }
  const elem = (e: Ty): Val => genValue(g, e, path, depth + 1, ctx);
  // (Mostly the same value of a type, so that single values defined twice agree now and then.)
  const same = g.chance(0.7);
  if (typeof t === "string") {
    switch (t) {
      case "int":
        return same ? 1 : g.int(-1, 3);
      case "str":
        return same ? "a" : g.pick(["a", "b", "c"]);
      case "bool":
        return same || g.chance(0.5);
      case "unsignedInt":
        return same ? 1 : g.int(-1, 2);
      case "anything":
        return g.weighted<Val>([
          [3, () => (same ? 1 : g.int(1, 2))],
          [2, () => (same ? "a" : g.pick(["a", "b"]))],
          [2, () => (same ? [1] : g.pick<Val>([[], [1], [2, 1]]))],
          [2, () => ({ k: genValue(g, "anything", path, depth + 1, ctx) })],
          [1, () => null],
        ]);
      default:
        return g.pick(["x", "y"]);
    }
  }
  switch (t[0]) {
    case "enum":
      return same ? t[1][0]! : g.chance(0.9) ? g.pick(t[1]) : g.pick<Val>(["z", 9]);
    case "listOf":
    case "nonEmptyListOf":
      return Array.from({ length: g.int(0, 2) }, () => elem(t[1]));
    case "attrsOf":
    case "lazyAttrsOf": {
      const out: Record<string, Val> = {};
      for (const k of g.subset(["k", "l", "m"], 0.5)) out[k] = elem(t[1]);
      return out;
    }
    case "nullOr":
      return g.chance(0.3) ? null : genValue(g, t[1], path, depth, ctx);
    case "either":
      return genValue(g, g.chance(0.5) ? t[1] : t[2], path, depth, ctx);
    case "uniq":
    case "passwdEntry":
      return genValue(g, t[1], path, depth, ctx);
    case "unique":
      return genValue(g, t[2], path, depth, ctx);
    case "coercedTo":
      return genValue(g, g.chance(0.5) ? t[1] : t[2], path, depth, ctx);
    case "strMatching":
      return g.pick(["a", "b"]);
    case "submodule":
      return genDefs(g, t[1], depth + 1, ctx);
  }
}

/** Definitions of some of the options of `tree`. */
function genDefs(g: Gen, tree: OptTree, depth: number, ctx: ValueContext): Record<string, Val> {
  const out: Record<string, Val> = {};
  for (const n of Object.keys(tree)) {
    if (!g.chance(0.5)) continue;
    const d = tree[n]!;
    if (isOption(d)) out[n] = genValue(g, d.$opt.type!, [n], depth, ctx);
    else {
      const sub = genDefs(g, d as OptTree, depth + 1, ctx);
      out[n] = g.weighted<Val>([
        [10, () => sub],
        [ctx.properties ? 2 : 0, () => ({ $if: genCondition(g), then: sub })],
        [ctx.properties ? 1 : 0, () => ({ $override: g.pick([50, 1000]), content: sub })],
        // A mistake: a property around a value that is no attribute set.
        [ctx.properties ? 0.15 : 0, () => ({ $if: genCondition(g), then: genWrong(g) })],
        [ctx.properties ? 0.1 : 0, () => ({ $override: 50, content: genWrong(g) })],
      ]);
    }
  }
  // A definition without an option, now and then.
  if (depth === 0 && g.chance(0.01)) out.z = 1;
  return out;
}

function declaredIn(tree: OptTree, prefix: string[] = []): Declared[] {
  return Object.keys(tree).flatMap((n) => {
    const d = tree[n]!;
    const path = [...prefix, n];
    return isOption(d)
      ? [{ path, type: d.$opt.type! }]
      : [{ path, type: "int" as Ty }, ...declaredIn(d as OptTree, path)];
  });
}

function genModule(g: Gen, tree: OptTree, file: string, depth: number): ModuleSpec {
  const defs = genDefs(g, tree, 0, { properties: true });
  const config = g.weighted<Val>([
    [14, () => defs],
    [2, () => ({ $if: genCondition(g), then: defs })],
    [1, () => ({ $merge: [defs, genDefs(g, tree, 0, { properties: true })] })],
    [0.5, () => ({ $override: g.pick([50, 1000]), content: defs })],
  ]);
  const m: ModuleSpec = { file, config };
  if (depth === 0 && g.chance(0.12))
    m.imports = [genModule(g, tree, `${file.replace(/\.nix$/, "")}-import.nix`, 1)];
  return m;
}

export function generateScenario(seed: number): Scenario {
  const g = new Gen(seed);
  declaredNow = [];
  const options = genOptTree(g, 0, 2);
  // (A `$ref` may read a group as a whole too: its attribute set.)
  declaredNow = declaredIn(options);
  addDefaults(g, options);
  const modules = Array.from({ length: g.int(2, 5) }, (_, i) => genModule(g, options, `m${i + 1}.nix`, 0));
  declaredNow = [];
  return { name: `random-${seed}`, options, modules, reads: Object.keys(options).map((n) => [n]) };
}

/** Defaults of the top-level options, which may read config. */
function addDefaults(g: Gen, tree: OptTree): void {
  for (const n of Object.keys(tree)) {
    const d = tree[n]!;
    if (!isOption(d)) addDefaults(g, d as OptTree);
    else if (g.chance(0.4)) d.$opt.default = genValue(g, d.$opt.type!, [], 0, { properties: false });
  }
}
