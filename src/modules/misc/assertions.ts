/**
 * `warnings` and `assertions`: messages other modules leave for the system build. NixOS
 * refuses to build a system any of whose assertions fails (nixos/modules/system/activation/
 * top-level.nix), with `Failed assertions:` and a `- <message>` line for each; warnings are
 * printed (`trace: evaluation warning: ...`; the 2023-07 lib's `trace: warning: ...`) and the build
 * goes on.
 */
import { EvalError } from "../../lib/errors.js";
import { mkOption } from "../../lib/options.js";
import { types } from "../../types/index.js";

export const assertionsModule = {
  options: {
    warnings: mkOption({
      type: types.listOf(types.str),
      default: [],
      internal: true,
      description: "Warnings.",
    }),
    assertions: mkOption({
      type: types.listOf(types.unspecified),
      default: [],
      internal: true,
      description: "Assertions.",
    }),
  },
};

/** `map (x: x.message) (filter (x: !x.assertion) assertions)`: in order, each message read only if its assertion fails. */
export function failedAssertions(assertions: unknown): string[] {
  return (assertions as { assertion: unknown; message: unknown }[])
    .filter((a) => !a.assertion)
    .map((a) => a.message as string);
}

/**
 * The error NixOS refuses a system with when assertions fail (top-level.nix's text), or null
 * when none fails. A config without the `assertions` option has none.
 */
export function assertionsError(config: Record<string, unknown>): EvalError | null {
  if (!Object.prototype.propertyIsEnumerable.call(config, "assertions")) return null;
  const failed = failedAssertions(config.assertions);
  return failed.length === 0
    ? null
    : new EvalError(`\nFailed assertions:\n${failed.map((m) => `- ${m}`).join("\n")}`);
}

export default assertionsModule;
