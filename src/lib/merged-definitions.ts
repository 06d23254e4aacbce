/**
 * Merging the definitions of one value (Nix's mergeDefinitions): properties discharged
 * (mkMerge, mkIf), overrides filtered by priority, mkBefore/mkAfter sorted, the type's
 * check and merge. Each step is done once, when first needed.
 */
import { activeLibRevision, notDefinedMessage } from "./lib-revision.js";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { nullProto, SlotValue, sortNames } from "./attrs-lazy.js";
import { cells } from "./cells.js";
import { EvalError, throwError, withErrorContext } from "./errors.js";
import { current as scopeNow, inScope } from "./evaluation-scope.js";
import { force, recursionError } from "./lazy.js";
import type { Definition } from "./module-types.js";
import { childLoc, showDefs, showOption } from "./options.js";
import {
  dischargeInto,
  filterOverridesPrime,
  highestPriority,
  pushDownProperties,
  sortProperties,
  typeTag,
  type Def,
} from "./properties.js";
import { hasPathFreeMerge, type OptionType } from "../types/option-type.js";

/** The definitions of an option after properties: discharged, filtered by priority, sorted. */
export interface FinalDefs {
  values: Def[];
  highestPrio: number;
}

const NOT_YET: unique symbol = Symbol("not yet");
/** An attribute's value being merged (see compute). */
const MERGING: unique symbol = Symbol("merging");

/**
 * Definition lists that many options share and that depend on no instance (an option's
 * lone default, see option-decls.ts), with their final definitions once computed: the
 * properties of such a list are interpreted once, not once per submodule instance.
 */
const sharedLists = new WeakMap<readonly Definition[], FinalDefs | undefined>();
/** Mark a frozen list of definitions that depend on nothing but declarations as shared. */
export function shareDefinitions<D extends Definition>(defs: readonly D[]): readonly D[] {
  if (!Object.isFrozen(defs)) throw new TypeError("shareDefinitions: the list must be frozen");
  sharedLists.set(defs, undefined);
  return defs;
}

/** A shared list's merged value, where every option sharing the list may have it (see below). */
const sharedValues = new WeakMap<readonly Definition[], { type: OptionType; value: unknown }>();

/**
 * The merged value of a shared list of definitions (an option's lone default) with `type`:
 * `merge()` the first time, and the same value for every other option sharing the list when
 * the type's merge depends on the definitions alone (not on the option's path) and the value
 * is one no option could change for another: a string, number, Boolean, null or an empty
 * list (one frozen list of the library's). An error is not kept: each option reports its own path.
 */
export function sharedMergedValue(
  defs: readonly Definition[],
  type: OptionType,
  merge: () => unknown,
): unknown {
  const known = sharedValues.get(defs);
  if (known !== undefined && known.type === type) return known.value;
  const value = merge();
  if (sharedLists.has(defs) && hasPathFreeMerge(type)) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      sharedValues.set(defs, { type, value });
    } else if (Array.isArray(value) && value.length === 0) {
      // The library's own empty list, not the one merged: that may be the declaration's
      // default itself (a merge that returns its definition), which is not ours to freeze.
      sharedValues.set(defs, { type, value: SHARED_EMPTY_LIST });
      return SHARED_EMPTY_LIST;
    }
  }
  return value;
}

/** The empty list options share (frozen: changing it would change every option that has it). */
const SHARED_EMPTY_LIST: readonly unknown[] = Object.freeze([]);

/**
 * Merging the definitions of one value of one type (Nix's mergeDefinitions). As a SlotValue,
 * it is an attrsOf attribute's value until the attribute is read.
 */
export class MergedDefinitions extends SlotValue {
  /** The evaluation the definitions are read for (see evaluation-scope.ts). */
  private readonly scope = scopeNow;
  private discharged: Def[] | undefined;
  /** defsFinal' as two fields (one object less for each option). */
  private finalValues: Def[] | undefined;
  private finalPrio = 0;
  private merged: unknown = NOT_YET;
  constructor(
    readonly loc: string[],
    readonly type: OptionType,
    readonly defs: readonly { file: string; value: unknown }[],
  ) {
    super();
  }
  /**
   * The value, as an attribute's (see SlotValue): black-holed while merging, as Nix's thunks
   * are, so that an attribute whose value needs itself is an infinite recursion, not a stack
   * overflow. (An option's value is black-holed by its OptionValue, and a list entry is merged
   * within its list's option.)
   */
  compute(): unknown {
    if (this.merged !== NOT_YET) return this.mergedValue;
    this.merged = MERGING;
    try {
      const checked = this.checked;
      if (E.isLeft(checked)) throw checked.left;
      return (this.merged = this.type.merge(this.loc, checked.right));
    } catch (e) {
      this.merged = NOT_YET;
      throw e;
    }
  }

  /** mkMerge expanded and mkIf conditions evaluated; override contents not yet looked at. */
  private get dischargedDefs(): Def[] {
    if (this.discharged) return this.discharged;
    const defs = this.defs as Def[];
    // Made at the first definition that changes (usually none does: no list is made).
    let out: Def[] | undefined;
    for (let i = 0; i < defs.length; i++) {
      const m = defs[i]!;
      try {
        const v = force(m.value);
        const t = typeTag(v);
        if (t !== "merge" && t !== "if") {
          // A plain value is its own only definition: keep the definition as it is.
          if (v === m.value) out?.push(m);
          else (out ??= defs.slice(0, i)).push({ file: m.file, value: v });
          continue;
        }
        out ??= defs.slice(0, i);
        // (mkIf conditions are evaluated for the evaluation these definitions are of.)
        if (this.scope === scopeNow) dischargeInto(v, out, m.file);
        else inScope(this.scope, () => dischargeInto(v, out!, m.file));
      } catch (e) {
        throw withErrorContext(e, () => `while evaluating definitions from \`${m.file}':`);
      }
    }
    // Kept with the option: the list itself when nothing changed (it may be shared, as an
    // option's lone default is), else a copy of exactly its length (`push` left room).
    return (this.discharged = out === undefined ? defs : out.slice());
  }
  /** The highest override priority among the definitions (their values stay unevaluated). */
  get highestPrio(): number {
    return this.finalValues !== undefined ? this.finalPrio : highestPriority(this.dischargedDefs);
  }
  get defsFinalPrime(): FinalDefs {
    return { values: this.defsFinal, highestPrio: this.finalPrio };
  }
  get defsFinal(): Def[] {
    if (this.finalValues !== undefined) return this.finalValues;
    const shared = sharedLists.get(this.defs);
    if (shared !== undefined) {
      this.finalPrio = shared.highestPrio;
      return (this.finalValues = shared.values);
    }
    const filtered = filterOverridesPrime(this.dischargedDefs);
    const values = filtered.values.some((d) => typeTag(d.value) === "order")
      ? sortProperties(filtered.values)
      : filtered.values;
    this.finalPrio = filtered.highestPrio;
    this.finalValues = values;
    this.discharged = undefined; // not needed any more
    if (sharedLists.has(this.defs)) {
      sharedLists.set(this.defs, {
        values: Object.freeze(values) as Def[],
        highestPrio: filtered.highestPrio,
      });
    }
    return values;
  }
  get isDefined(): boolean {
    return this.defsFinal.length > 0;
  }
  /** The definitions that pass the type's check, or the error naming those that don't. */
  get checked(): E.Either<EvalError, Def[]> {
    const defs = this.defsFinal;
    if (defs.length === 0) return E.left(notDefinedError(() => showOption(this.loc)));
    // Like Nix: check all, and only on failure check again to find the culprits.
    const type = this.type;
    let ok = true;
    for (let i = 0; i < defs.length; i++)
      if (!type.check(defs[i]!.value)) {
        ok = false;
        break;
      }
    if (ok) return E.right(defs);
    const invalid = defs.filter((d) => !type.check(d.value));
    return E.left(
      new EvalError(
        `A definition for option \`${showOption(this.loc)}' is not of type \`${this.type.description}'. Definition values:${showDefs(invalid)}`,
      ),
    );
  }
  get mergedValue(): any {
    const m = this.merged;
    if (m !== NOT_YET) {
      if (m === MERGING) throw recursionError();
      return m;
    }
    // (Merged for the evaluation these definitions are of: usually the one at work already.)
    if (this.scope !== scopeNow) return inScope(this.scope, () => this.mergedValue as unknown);
    const checked = this.checked;
    if (E.isLeft(checked)) throw checked.left;
    return (this.merged = this.type.merge(this.loc, checked.right));
  }
  /** The merged value if there is any definition. */
  get optional(): O.Option<unknown> {
    return this.isDefined ? O.some(this.mergedValue) : O.none;
  }
  /** Nix's `optionalValue`: `{ value }` when defined, `{}` otherwise (the value stays lazy). */
  get optionalValue(): { value?: unknown } {
    if (!this.isDefined) return {};
    const merged = (): unknown => this.mergedValue;
    return {
      get value() {
        return merged();
      },
    };
  }
}

/** The error of an option read without any definition (`name` shows the option). */
export function notDefinedError(name: () => string): EvalError {
  // (Worded by the lib revision in force now, when the error is made.)
  const revision = activeLibRevision();
  return new EvalError(() => notDefinedMessage(name(), revision));
}

export const mergeDefinitions = (
  loc: string[],
  type: OptionType,
  defs: readonly Definition[],
): MergedDefinitions => new MergedDefinitions(loc, type, defs);

/**
 * Merge the definitions of an attrsOf option attribute by attribute, keeping
 * each attribute's highest priority (Nix's mergeAttrDefinitionsWithPrio).
 */
export function mergeAttrDefinitionsWithPrio(
  opt: any,
): Record<string, { value: unknown; highestPrio: number }> {
  const t = opt.type as OptionType;
  if (t.name !== "attrsOf" && t.name !== "lazyAttrsOf") {
    throwError(
      `mergeAttrDefinitionsWithPrio: option \`${showOption(opt.loc)}' is not an attribute set of a type`,
    );
  }
  const byAttr = new Map<string, { file: string; value: unknown }[]>();
  for (const def of opt.definitionsWithLocations as Def[]) {
    for (const sub of pushDownProperties(def.value)) {
      for (const [k, c] of cells(sub)) {
        const d = { ...def, value: c };
        const l = byAttr.get(k);
        if (l) l.push(d);
        else byAttr.set(k, [d]);
      }
    }
  }
  const out = nullProto<{ value: unknown; highestPrio: number }>();
  for (const k of sortNames([...byAttr.keys()])) {
    const defs = byAttr.get(k)!;
    const merging = new MergedDefinitions(childLoc(opt.loc, k), t.nestedTypes.elemType!, defs);
    out[k] = {
      get value() {
        return merging.mergedValue;
      },
      get highestPrio() {
        return merging.highestPrio;
      },
    };
  }
  return out;
}
