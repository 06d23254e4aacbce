/**
 * Evaluation errors, worded like Nix's. An EvalError carries its message and
 * the contexts it passed through (Nix's `addErrorContext`), innermost first.
 */
import { currentStack, showPosition, userFrame } from "./source-location.js";
import { describeException } from "./user-exception.js";

/** How many JavaScript frames an EvalError records (see setEvalErrorStackDepth). */
let stackDepth = 0;

/**
 * Evaluation errors are data (Nix's `throw`, often caught again, as by `tryEval` or a
 * harness asking whether an option has a value), and their JavaScript stack says nothing
 * to a user: by default none is recorded, which makes them much cheaper. `nixmod
 * --show-trace` records 12 frames; a library user debugging the engine may ask for more.
 */
export function setEvalErrorStackDepth(frames: number): void {
  stackDepth = Math.max(0, Math.floor(frames));
}

/** A message or context, or a function making it, called when it is shown. */
export type Shown = string | (() => string);

export class EvalError extends Error {
  /** The contexts it passed through, innermost first, each made when first shown. */
  readonly #contexts: Shown[] = [];
  /** The function making the message, until the message is read. */
  #message: (() => string) | undefined;
  /** What nixmod adds after Nix's message (see addHint), each made when first shown. */
  #hints: Shown[] | undefined;
  /**
   * The message may be a function making it, called when the message is first read: an
   * error a caller catches and drops (a harness asking whether an option has a value) then
   * costs no option path shown for nothing. So may each context (addContext).
   */
  constructor(message: Shown) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Math.min(limit, stackDepth);
    super(typeof message === "string" ? message : undefined);
    Error.stackTraceLimit = limit;
    if (typeof message !== "string") this.#message = message;
  }
  static {
    this.prototype.name = "EvalError";
    // The message made when first read (an own `message` shadows this, as Error's does).
    Object.defineProperty(this.prototype, "message", {
      configurable: true,
      get(this: EvalError): string {
        const make = this.#message;
        return make === undefined ? "" : this.#setMessage(make());
      },
      set(this: EvalError, v: string) {
        this.#setMessage(v);
      },
    });
  }
  #setMessage(message: string): string {
    this.#message = undefined;
    Object.defineProperty(this, "message", { value: message, writable: true, configurable: true });
    return message;
  }
  /** The contexts it passed through (Nix's `addErrorContext`), innermost first. */
  get contexts(): string[] {
    const cs = this.#contexts;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (typeof c !== "string") cs[i] = c();
    }
    return cs as string[];
  }
  /** Push a context (innermost first), or a function making it when shown. */
  addContext(context: Shown): void {
    this.#contexts.push(context);
  }
  /**
   * Lines nixmod adds after Nix's message where it knows more than Nix says (`Did you mean
   * ...?`): not part of `message`, which stays Nix's word for word, but printed after it by
   * the nixmod command (renderHints). May be a function making them, called when shown.
   */
  get hints(): string[] {
    const hs = this.#hints;
    if (hs === undefined) return [];
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i]!;
      if (typeof h !== "string") hs[i] = h();
    }
    return (hs as string[]).filter((h) => h !== "");
  }
  /** Add a hint (see `hints`), or a function making it when shown (an empty string: none). */
  addHint(hint: Shown): void {
    (this.#hints ??= []).push(hint);
  }
}

/**
 * `infinite recursion encountered`, the chain, and for a module's code that read `config` or
 * `options` while it was being called (while the modules were being collected), where: the
 * module's code is on the stack then (found when the message is shown).
 */
function recursionMessage(chain: readonly string[]): Shown {
  const head =
    "infinite recursion encountered" +
    (chain.length > 0 ? `\nThe value depends on itself: ${chain.map((c) => `\`${c}'`).join(" -> ")}` : "");
  if (!chain.some((c) => c.startsWith("<collecting modules"))) return head;
  const stack = currentStack(recursionMessage);
  return () => {
    const where = userFrame(stack());
    return (
      head +
      "\nA module read `config' or `options' while the modules were being collected. Read them lazily:" +
      " inside a getter (`get x() { ... }`) or an mkIf condition thunk (`mkIf(() => ..., ...)`)," +
      " not in the body of the module function." +
      (where === undefined ? "" : `\n${showPosition(where)}`)
    );
  };
}

/** `infinite recursion encountered`, with the chain of option paths that closed the cycle. */
export class InfiniteRecursionError extends EvalError {
  constructor(readonly chain: readonly string[]) {
    super(recursionMessage(chain));
  }
  static {
    this.prototype.name = "InfiniteRecursionError";
  }
}

/** Nix `abort`: an error that `tryEval` does not catch. */
export class AbortError extends EvalError {
  constructor(message: string) {
    super(`evaluation aborted with the following error message: '${message}'`);
  }
  static {
    this.prototype.name = "AbortError";
  }
}

/**
 * One of Nix's type errors (`value is a string while a set was expected`, `cannot compare a
 * string with an integer`): an evaluation error that Nix's `tryEval`, which catches only
 * `throw` and `assert`, does not catch.
 */
export class NixTypeError extends EvalError {
  static {
    this.prototype.name = "NixTypeError";
  }
}

/** Throw one of Nix's type errors (see NixTypeError). */
export function throwTypeError(message: string): never {
  throw new NixTypeError(message);
}

/** The JavaScript stack ran out (see stackOverflowError): like Nix's, not caught by `tryEval`. */
export class StackOverflowError extends EvalError {
  static {
    this.prototype.name = "StackOverflowError";
  }
}

/**
 * Would Nix's `tryEval` catch `e`? An evaluation error raised by `throw` or `assert`: not an
 * abort, an infinite recursion, a stack overflow or a type error.
 */
export const caughtByTryEval = (e: unknown): e is EvalError =>
  e instanceof EvalError &&
  !(e instanceof AbortError) &&
  !(e instanceof InfiniteRecursionError) &&
  !(e instanceof NixTypeError) &&
  !(e instanceof StackOverflowError);

/** Nix `throw`. */
export function throwError(message: string): never {
  throw new EvalError(message);
}

/** Nix `abort`. */
export function abort(message: string): never {
  throw new AbortError(message);
}

/** The JavaScript stack ran out: report it as an evaluation error naming the option. */
export function stackOverflowError(chain: readonly string[]): EvalError {
  const where = chain.length > 0 ? ` while evaluating the option \`${chain[chain.length - 1]}'` : "";
  return new StackOverflowError(
    `stack overflow${where} (the value is nested too deeply, or depends on itself through a function)`,
  );
}

/**
 * Nix `builtins.addErrorContext`: on an EvalError, push `context` and rethrow. The
 * context may be a function making it, called only when the error's contexts are shown.
 */
export function addErrorContext<T>(context: Shown, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw withErrorContext(e, context);
  }
}

/**
 * `e`, with `context` pushed if it is an EvalError (made when the contexts are shown), to be
 * rethrown: addErrorContext for a `catch` of its own, where a hot path should not make two
 * closures for every call that does not fail.
 */
export function withErrorContext(e: unknown, context: Shown): unknown {
  if (e instanceof EvalError) e.addContext(context);
  else if (typeof e === "object" && e !== null) {
    const contexts = exceptionContextsOf.get(e);
    if (contexts === undefined) exceptionContextsOf.set(e, [context]);
    else contexts.push(context);
  }
  return e;
}

/**
 * The contexts a JavaScript exception that is not an EvalError (a TypeError in a module's
 * getter, say) passed through, innermost first: kept beside it, so that it can be reported
 * with the option and the file whose evaluation threw it.
 */
const exceptionContextsOf = new WeakMap<object, Shown[]>();

/** The contexts (innermost first) that `e`, an EvalError or any other exception, passed through. */
export function errorContexts(e: unknown): string[] {
  if (e instanceof EvalError) return e.contexts;
  const cs = typeof e === "object" && e !== null ? exceptionContextsOf.get(e) : undefined;
  return cs === undefined ? [] : cs.map((c) => (typeof c === "string" ? c : c()));
}

/** Nix's error layout: `error: ` then the message, continuation lines indented by 7 spaces. */
export function formatNixError(message: string): string {
  const lines = message
    .replace(/\s+$/, "")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""));
  // Nix indents continuation lines by 7 spaces, but leaves empty lines empty.
  return "error: " + lines.map((l, i) => (i === 0 || l === "" ? l : "       " + l)).join("\n");
}

/**
 * A JavaScript exception that is not an evaluation error, as the nixmod command prints it:
 * the contexts it passed through, always (Nix has no such errors whose output to match, and
 * they say which option and which file's definition threw it), then what it was: thrown by
 * a module's code, where in the module's file, and for a read of a missing attribute of
 * `config` (the evaluation's, when given), which one (see describeException); else
 * `internal error:`, its name and its message.
 */
export function renderException(e: unknown, config?: unknown): string {
  const lines = [...errorContexts(e)].reverse().map((c) => `… ${c}`);
  return [...lines, formatNixError(describeException(e, config).message)].join("\n");
}

/**
 * What nixmod adds after Nix's message (an EvalError's hints): lines indented as the
 * message's own continuation lines, to print right after renderError's text; "" for none.
 */
export function renderHints(e: unknown): string {
  const hints = e instanceof EvalError ? e.hints : [];
  return hints
    .join("\n")
    .split("\n")
    .filter((l, i, all) => all.length > 1 || l !== "")
    .map((l) => (l === "" ? "" : `       ${l.replace(/[ \t]+$/, "")}`))
    .join("\n");
}

/** Render an error the way Nix prints it with --show-trace: contexts, then "error: message". */
export function renderError(e: unknown, showTrace = true): string {
  if (e instanceof EvalError) {
    const lines = showTrace ? [...e.contexts].reverse().map((c) => `… ${c}`) : [];
    return [...lines, formatNixError(e.message)].join("\n");
  }
  return formatNixError(e instanceof Error ? e.message : String(e));
}

/**
 * A place in a Nix source file and the lines around it: where a module translated from Nix
 * raises an error that Nix shows with its position (`attribute 'x' missing`, then
 * `at FILE:LINE:COLUMN:` and the code there).
 */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The lines `line - 1`, `line` and `line + 1` of the file, as they are. */
  readonly code: readonly [string, string, string];
}

/** `message`, then the position and its code laid out as Nix lays them out. */
export function atPosition(message: string, pos: SourcePosition): string {
  const gutter = (n: number | ""): string => `${String(n).padStart(6)}| `;
  const [before, at, after] = pos.code;
  return [
    message,
    "",
    `at ${pos.file}:${pos.line}:${pos.column}:`,
    "",
    gutter(pos.line - 1) + before,
    gutter(pos.line) + at,
    gutter("") + " ".repeat(pos.column - 1) + "^",
    gutter(pos.line + 1) + after,
  ].join("\n");
}
