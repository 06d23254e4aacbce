/**
 * Which evaluation the engine is working for. What it learns of the objects a user gives (the
 * values of a module object's getters, kept so that each runs once; an mkIf condition's value)
 * it keeps per evaluation: two evaluations in one process that share a module object, or an
 * mkIf, each get their own results. A scope is an evaluation made from outside the engine
 * (`evalModules` called by a program) with everything evaluated for it: its submodules'
 * evaluations, the options it reads.
 *
 * The engine enters a scope where work for an evaluation starts (a step of the evaluation, an
 * option's value, the merging of definitions, an attribute of an attrsOf value), and a nested
 * evaluation takes the scope it is made in. Work done outside any evaluation has a scope of its
 * own, OUTSIDE.
 */
export class EvaluationScope {}

/** The scope of work done outside any evaluation. */
export const OUTSIDE = new EvaluationScope();

/**
 * The scope the engine is working in now (a live binding, read without a call where the engine
 * is hot: an option's value, a merge; set with setScope).
 */
export let current: EvaluationScope = OUTSIDE;

/** The scope the engine is working in now. */
export const currentScope = (): EvaluationScope => current;

/** Make `scope` the current one (restore the one before when done: see OptionValue.merged). */
export function setScope(scope: EvaluationScope): void {
  current = scope;
}

/** The scope a new evaluation belongs to: the one it is made in, or a new one made from outside. */
export const scopeForEvaluation = (): EvaluationScope =>
  current === OUTSIDE ? new EvaluationScope() : current;

/** `f()` in `scope`. */
export function inScope<T>(scope: EvaluationScope, f: () => T): T {
  if (scope === current) return f();
  const saved = current;
  current = scope;
  try {
    return f();
  } finally {
    current = saved;
  }
}
