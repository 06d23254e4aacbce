/**
 * Lazy values: a thunk computed at most once, with Nix's black-holing so that a
 * value that needs itself is reported as `infinite recursion encountered`
 * (naming the chain of options that led there) instead of a JavaScript stack
 * overflow or a hang.
 */
import { EvalError, InfiniteRecursionError, stackOverflowError } from "./errors.js";

const enum State {
  Pending,
  Running,
  Done,
}

/** A label, or a function or object making it (only called when an error shows the chain). */
export type Label = string | (() => string) | { show(): string };
const showLabel = (l: Label): string =>
  typeof l === "string" ? l : typeof l === "function" ? l() : l.show();

/** The lazy values being computed that have a label (option paths), outermost first. */
const running: Lazy<unknown>[] = [];

/** The option paths currently being evaluated, outermost first (for error messages). */
export const evaluationChain = (): readonly string[] => running.map((l) => showLabel(l.labelOf()!));

export class Lazy<T = unknown> {
  private state: State = State.Pending;
  /**
   * The value once computed; until then the thunk, if there is one (one field for both: a
   * Lazy is made for nearly every option and attribute, and subclasses compute their own).
   */
  private value: T | (() => T) | undefined;

  constructor(fn?: () => T) {
    this.value = fn;
  }

  /** The computation, called once: the thunk, or a subclass's own. */
  protected compute(): T {
    return (this.value as () => T)();
  }

  /** The name shown for this value in a recursion chain, if it has one (a subclass's). */
  labelOf(): Label | undefined {
    return undefined;
  }

  get evaluated(): boolean {
    return this.state === State.Done;
  }
  /** Neither computed nor being computed. */
  get pending(): boolean {
    return this.state === State.Pending;
  }

  force(): T {
    if (this.state === State.Done) return this.value as T;
    if (this.state === State.Running) throw this.cycle();
    this.state = State.Running;
    const labelled = this.labelOf() !== undefined;
    if (labelled) running.push(this);
    try {
      const v = this.compute();
      this.value = v;
      this.state = State.Done;
      return v;
    } catch (e) {
      this.state = State.Pending;
      // Near the stack's end even a regular expression overflows: compare the message plainly,
      // and if building the report overflows too, let an outer lazy value (with more stack) do it.
      if (e instanceof RangeError && e.message === "Maximum call stack size exceeded") {
        let report: EvalError | undefined;
        try {
          report = stackOverflowError(evaluationChain());
        } catch {
          throw e;
        }
        throw report;
      }
      throw e;
    } finally {
      if (labelled) running.pop();
    }
  }

  private cycle(): EvalError {
    return recursionError(this.labelOf());
  }
}

/** The error for a value that needs itself while it is computed (`own`: its name, if it has one). */
export function recursionError(own?: Label): EvalError {
  const label = own === undefined ? undefined : showLabel(own);
  const shown = evaluationChain();
  const start = label === undefined ? -1 : shown.lastIndexOf(label);
  // An option's config cell and its value are both labelled with its path: name it once.
  const inner = (start >= 0 ? shown.slice(start) : shown).filter((l, i, a) => i === 0 || l !== a[i - 1]);
  return new InfiniteRecursionError(start >= 0 ? [...inner, label as string] : inner);
}

/** A lazy value from a thunk. */
export const lazy = <T>(fn: () => T): Lazy<T> => new Lazy(fn);

/** The value of `v`, forcing it if it is lazy. */
export const force = <T>(v: T | Lazy<T>): T => (v instanceof Lazy ? v.force() : v);
