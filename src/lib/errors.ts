/** Evaluation errors worded like Nix's. */
export class EvalError extends Error {
  contexts: string[] = [];
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

/** Nix `throw`. */
export function throwError(message: string): never {
  throw new EvalError(message);
}

/** Nix `builtins.addErrorContext`: on an EvalError, push `context` and rethrow. */
export function addErrorContext<T>(context: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof EvalError) e.contexts.push(context);
    throw e;
  }
}

/** Render an error the way Nix prints it: contexts as lines before "error: message". */
export function renderError(e: unknown): string {
  if (e instanceof EvalError) {
    const lines = [...e.contexts].reverse().map((c) => `… ${c}`);
    return [...lines, `error: ${e.message}`].join("\n");
  }
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}
