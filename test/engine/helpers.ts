// Shared helpers for the engine unit tests.
import { evalModules } from "../../src/lib/evaluation.js";
import { EvalError, renderError } from "../../src/lib/errors.js";
import type { Module } from "../../src/lib/module-types.js";
import { mkOption } from "../../src/lib/options.js";
import { types } from "../../src/types/index.js";

/** Evaluate `modules` and read `config` at the dotted path `attr`. */
export function configAt(modules: readonly Module[], attr: string): any {
  let v: any = evalModules({ modules }).config;
  for (const p of attr.split(".")) v = v[p];
  return v;
}

/** The error thrown while reading `attr` (and printing it strictly), rendered like Nix without a trace. */
export function errorAt(modules: readonly Module[], attr: string): string {
  try {
    JSON.stringify(configAt(modules, attr));
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return renderError(e, false);
  }
  throw new Error(`expected evaluating ${attr} to fail`);
}

/** The `warnings` and `assertions` options the NixOS base declares, for the rename helpers. */
export const warningsAndAssertions: Module = {
  options: {
    warnings: mkOption({ type: types.listOf(types.str), default: [] }),
    assertions: mkOption({ type: types.listOf(types.unspecified), default: [] }),
  },
};
