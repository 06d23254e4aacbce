// The port of nixpkgs' lib/tests/modules.sh harness: evaluate a module list the way
// modules/default.nix does, then match the printed value or the error text with a
// regular expression, like checkConfigOutput / checkConfigError.
import { expect } from "vitest";
import { setLibRevision } from "../../src/lib/lib-revision.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { EvalError, renderError } from "../../src/lib/errors.js";
import { showValue } from "../../src/lib/nix/generators.js";
import type { Module } from "../../src/lib/module-types.js";

/** modulesPath handed to the modules, like `specialArgs.modulesPath = ./.;` upstream. */
export const modulesPath = "/upstream/lib/tests/modules";

/** Evaluate `modules` and return the value at `attr` ("config.a.b" or "options.a.b.value"). */
export function evalConfig(attr: string, modules: Module[]): unknown {
  const r = evalModules({ modules, specialArgs: { modulesPath } });
  let v: any = { config: r.config, options: r.options };
  for (const part of attr.split(".")) {
    if (v === null || typeof v !== "object" || !(part in v)) {
      throw new EvalError(`attribute '${part}' in selection path '${attr}' not found`);
    }
    v = v[part];
  }
  return v;
}

/** checkConfigOutput: the value printed as Nix prints it (strictly) matches `pattern`. */
export function checkConfigOutput(pattern: RegExp, attr: string, ...modules: Module[]): void {
  const printed = showValue(evalConfig(attr, modules));
  expect(printed).toMatch(pattern);
}

/** checkConfigError: evaluation (strict printing included) fails, and the error text matches `pattern`. */
export function checkConfigError(pattern: RegExp, attr: string, ...modules: Module[]): void {
  let text: string | undefined;
  try {
    showValue(evalConfig(attr, modules));
  } catch (e) {
    text = renderError(e);
  }
  if (text === undefined) throw new Error(`expected an error evaluating ${attr}, got a value`);
  expect(text).toMatch(pattern);
}

// The tests ported are those of the nixpkgs lib of 2023-07: its messages.
setLibRevision("2023-07");
