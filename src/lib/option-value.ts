/**
 * An option's value (Nix's evalOptionValue): its definitions with the default, merged,
 * `apply`, computed once and named by the option's path in recursion errors; and the
 * option record (`options.x.y`) whose `value`, `definitions`, `files`, `highestPrio`,
 * `isDefined` and `definitionsWithLocations` read it.
 */
import { defineGetter } from "./attrs-lazy.js";
import { updateCells, type Cell } from "./cells.js";
import { EvalError, throwError, withErrorContext } from "./errors.js";
import { current as scopeNow, setScope, type EvaluationScope } from "./evaluation-scope.js";
import { Lazy, recursionError, type Label } from "./lazy.js";
import { MergedDefinitions, notDefinedError, sharedMergedValue } from "./merged-definitions.js";
import { showDefs, showFiles, showOption } from "./options.js";
import { mkOptionDefault } from "./properties.js";
import { warn } from "./nix/trivial.js";
import type { OptionType } from "../types/option-type.js";

const MERGING: unique symbol = Symbol("merging");

/** A definition as the engine keeps it: where it is from, and its value (a cell). */
export type DefaultDef = { file: string; value: unknown };

/** A definition in the tree of a module evaluation, as mergeModules' walk finds it. */
export interface RawDef {
  file: string;
  value: Cell;
}

/** `[first, ...rest]` as an array of exactly its length (kept with the option). */
function withFirst<T>(first: T, rest: readonly T[]): T[] {
  const out = new Array<T>(rest.length + 1);
  out[0] = first;
  for (let i = 0; i < rest.length; i++) out[i + 1] = rest[i]!;
  return out;
}

/**
 * The value of one option and the merging of its definitions behind it (Nix's
 * evalOptionValue). It is the option record's state: the record's lazy fields read it.
 * What the option is (its declaration, definitions and path) a subclass says: a slot of a
 * module merge (merge.ts) finds it from its merge, without fields of its own for it.
 */
export abstract class OptionValue extends Lazy<unknown> {
  /** The merging of the definitions: not made yet, being made, or made. */
  private merging: MergedDefinitions | typeof MERGING | undefined;
  /** The option's merged declaration. */
  protected abstract decl(): Record<string, any>;
  /** The option's definitions (without its default). */
  protected abstract defs(): readonly RawDef[];
  /** The option's path (made when asked for, by a subclass that keeps no copy of it). */
  protected abstract location(): string[];
  /** The definition the default makes, if known already (undefined: make it from the declaration). */
  protected defaultDefinition(): DefaultDef | null | undefined {
    return undefined;
  }
  /** `[defaultDefinition()]`, shared by the instances of a declaration, if there is one. */
  protected loneDefault(): readonly DefaultDef[] | undefined {
    return undefined;
  }
  override labelOf(): Label {
    return this;
  }
  /** The evaluation the option belongs to (its definitions are read for it: see evaluation-scope.ts). */
  protected abstract scopeOf(): EvaluationScope;
  /** The option's name, made only when a message or toString needs it. */
  show(): string {
    return showOption(this.location());
  }
  merged(): MergedDefinitions {
    const m = this.merging;
    if (typeof m === "object") return m;
    if (m === MERGING) throw recursionError();
    this.merging = MERGING;
    // (Made in the option's scope: the merging reads the definitions for its evaluation. The
    // value is computed by that merging, in its scope, so compute itself sets none.)
    const scope = this.scopeOf();
    const saved = scopeNow;
    if (scope !== saved) setScope(scope);
    try {
      return (this.merging = this.makeMerged());
    } catch (e) {
      this.merging = undefined;
      throw e;
    } finally {
      if (scope !== saved) setScope(saved);
    }
  }
  /**
   * Would reading this option throw because nothing defines it (no definition, no default)?
   * Known without evaluating anything (see tryConfigAttr). False when there is any definition
   * or default, when the option is read already or being read, or when something else
   * decides what reading it does: an `apply` without parameters (which does without the
   * value) or a deprecated type (whose warning reading it gives).
   */
  isUndefined(): boolean {
    if (!this.pending || this.merging === MERGING || this.defs().length !== 0) return false;
    const opt = this.decl();
    const known = this.defaultDefinition();
    if (known !== undefined ? known !== null : "default" in opt) return false;
    const apply = opt.apply as unknown;
    return (
      (typeof apply !== "function" || apply.length > 0) &&
      (opt.type as OptionType).deprecationMessage == null
    );
  }
  /**
   * The error reading an option that isUndefined says is so would throw, with the context
   * reading it adds (see compute), made without throwing it.
   */
  undefinedError(): EvalError {
    const e = notDefinedError(() => this.show());
    e.addContext(() => `while evaluating the option \`${this.show()}':`);
    return e;
  }
  makeMerged(): MergedDefinitions {
    const opt = this.decl();
    const loc = this.location();
    const type = opt.type as OptionType;
    const defs = this.defs();
    const known = this.defaultDefinition();
    const dflt =
      known !== undefined
        ? known
        : "default" in opt
          ? { file: opt.declarations[0] as string, value: mkOptionDefault(new Lazy(() => opt.default)) }
          : null;
    // (Lists are not changed by merging: the definitions found, or the default alone, are
    // used as they are; the lone default's list is shared by every instance.)
    const withDefault: readonly DefaultDef[] =
      dflt === null ? defs : defs.length > 0 ? withFirst(dflt, defs) : (this.loneDefault() ?? [dflt]);
    if (opt.readOnly === true && withDefault.length > 1) {
      // Each definition's value as if it were the only one, made when shown (showDefs shows a
      // definition whose value fails without a value, as Nix's tryEval does).
      const separate = withDefault.map((d) => ({
        file: d.file,
        value: new Lazy(() => new MergedDefinitions(loc, type, [d]).mergedValue),
      }));
      throwError(
        `The option \`${this.show()}' is read-only, but it's set multiple times. Definition values:${showDefs(separate)}`,
      );
    }
    return new MergedDefinitions(loc, type, withDefault);
  }
  /** The merged value: of the lone default shared by the declaration's options, merged once if it may be. */
  private mergedValue(type: OptionType): unknown {
    const lone = this.defs().length === 0 ? this.loneDefault() : undefined;
    return lone === undefined
      ? this.merged().mergedValue
      : sharedMergedValue(lone, type, () => this.merged().mergedValue);
  }
  protected override compute(): unknown {
    // (addErrorContext written out: no closures for each option computed.)
    try {
      const opt = this.decl();
      const type = opt.type as OptionType;
      if (type.deprecationMessage != null) {
        warn(
          `The type \`types.${type.name}' of option \`${this.show()}' defined in ${showFiles(opt.declarations)} is deprecated. ${type.deprecationMessage}`,
          undefined,
        );
      }
      // (`apply` gets a value of this option's own: a JavaScript function might change it.)
      const apply = opt.apply as ((v: unknown) => unknown) | undefined;
      const v =
        typeof apply !== "function"
          ? this.mergedValue(type)
          : apply.length > 0
            ? apply(this.merged().mergedValue)
            : applyLazily(apply, () => this.merged().mergedValue);
      // The value is known: the merging behind it need not be kept (an option record that
      // asks for its definitions later merges them again, the same way).
      this.merging = undefined;
      return v;
    } catch (e) {
      throw withErrorContext(e, () => `while evaluating the option \`${this.show()}':`);
    }
  }
}

/**
 * The state behind an option record's lazy fields. The fields' getters are shared by all
 * records (they find the state on the record they are read from), not closures made for
 * each option of each submodule instance.
 */
const OPTION_STATE = Symbol("option state");
const stateOf = (o: unknown): OptionValue => (o as { [OPTION_STATE]: OptionValue })[OPTION_STATE];
const optionFieldGetters = {
  value(this: unknown) {
    return stateOf(this).force();
  },
  highestPrio(this: unknown) {
    return stateOf(this).merged().highestPrio;
  },
  definitions(this: unknown) {
    return stateOf(this)
      .merged()
      .defsFinal.map((d) => d.value);
  },
  files(this: unknown) {
    return stateOf(this)
      .merged()
      .defsFinal.map((d) => d.file);
  },
  definitionsWithLocations(this: unknown) {
    const defs = stateOf(this).merged().defsFinal;
    // A list shared by many options (a lone default's) is frozen: hand out a copy.
    return Object.isFrozen(defs) ? defs.slice() : defs;
  },
  isDefined(this: unknown) {
    return stateOf(this).merged().isDefined;
  },
};
type OptionField = keyof typeof optionFieldGetters;
const OPTION_FIELDS = Object.keys(optionFieldGetters) as OptionField[];

/** A record's `toString` and `__toString` (called as `r.__toString(r)`, like Nix): the option's name. */
function showRecord(this: unknown, self?: unknown): string {
  return stateOf(self ?? this).show();
}
const showRecordDescriptor: PropertyDescriptor = { enumerable: false, configurable: true, value: showRecord };

/** Give an option record its value and the story of its definitions. */
export function attachValue(out: Record<string, any>, state: OptionValue): Record<string, any> {
  Object.defineProperty(out, OPTION_STATE, { enumerable: false, configurable: true, value: state });
  for (let i = 0; i < OPTION_FIELDS.length; i++) {
    const field = OPTION_FIELDS[i]!;
    defineGetter(out, field, optionFieldGetters[field]);
  }
  Object.defineProperty(out, "__toString", showRecordDescriptor);
  Object.defineProperty(out, "toString", showRecordDescriptor);
  return out;
}

/** The value of an option whose declaration, definitions and path are given. */
class DeclaredOptionValue extends OptionValue {
  private readonly scope = scopeNow;
  constructor(
    private readonly loc: string[],
    private readonly opt: Record<string, any>,
    private readonly rawDefs: Lazy<readonly RawDef[]> | readonly RawDef[],
  ) {
    super();
  }
  protected decl(): Record<string, any> {
    return this.opt;
  }
  protected defs(): readonly RawDef[] {
    const rd = this.rawDefs;
    return rd instanceof Lazy ? rd.force() : rd;
  }
  protected location(): string[] {
    return this.loc;
  }
  protected scopeOf(): EvaluationScope {
    return this.scope;
  }
}

/** An option with its value and the story of its definitions (Nix's evalOptionValue). */
export function evalOptionValue(
  loc: string[],
  opt: Record<string, any>,
  rawDefs: Lazy<readonly RawDef[]> | readonly RawDef[],
  /** `opt` is a fresh object of the engine's own: add the fields to it instead of a copy. */
  fresh = false,
): Record<string, any> {
  const out = fresh ? opt : updateCells(opt);
  return attachValue(out, new DeclaredOptionValue(loc, out, rawDefs));
}

/**
 * `apply mergedValue` for an `apply` without parameters. Nix hands `apply` the merged value
 * unevaluated, so an `apply` that ignores it (renamed and removed options) works even when
 * the option has no definition. A JavaScript value cannot be lazy: an `apply` that takes a
 * parameter gets the merged value, merged first (an error merging is the option's error, as
 * in Nix when `apply` uses its argument), and one without parameters, which cannot use it,
 * gets it if merging succeeds, or else a stand-in that rethrows the merge's error as soon as
 * it is used.
 */
function applyLazily(apply: (v: unknown) => unknown, merged: () => unknown): unknown {
  let v: unknown;
  try {
    v = merged();
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    const fail = (): never => {
      throw e;
    };
    const poison = new Proxy(
      {},
      {
        get: fail,
        has: fail,
        ownKeys: fail,
        getOwnPropertyDescriptor: fail,
        getPrototypeOf: fail,
        set: fail,
        defineProperty: fail,
        deleteProperty: fail,
      },
    );
    const r = apply(poison);
    if (r === poison) throw e;
    return r;
  }
  return apply(v);
}
