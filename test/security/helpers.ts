// Shared helpers of the security suites: evaluate modules on top of the bundled NixOS base
// and oci-containers module of the revision in force (a suite written for the seed puts
// revision 2023-07 in force with setLibRevision), and read what an evaluation produced.
// The public entry first: it loads the engine's modules in the order their cycles need.
import "../../src/index.js";
import { EvalError, renderError } from "../../src/lib/errors.js";
import { evalModules } from "../../src/lib/evaluation.js";
import type { Module } from "../../src/lib/module-types.js";
import { stringifyJson, toJsonValue } from "../../src/tools/render-json.js";
import { revisionInForce } from "../../src/modules/revisions.js";
import { makePkgs, type Pkgs } from "../../src/modules/pkgs.js";
import { planTree } from "../../src/build/tree.js";
import { referenceCleaning } from "../../src/tools/conformance.js";

export const host = (modules: readonly unknown[]): { config: any; pkgs: Pkgs } => {
  const pkgs = makePkgs();
  const { config } = evalModules({
    modules: [...revisionInForce().modules, ...(modules as Module[])],
    specialArgs: { pkgs },
  });
  return { config, pkgs };
};

/** `config.systemd.services` as JSON text, fully evaluated. */
export const servicesJson = (modules: readonly unknown[]): string =>
  stringifyJson(
    toJsonValue(host(modules).config.systemd.services, referenceCleaning(["systemd", "services"])),
  );

/** Everything `nixmod build` would write (units, links, scripts) as one text. */
export const treeText = (modules: readonly unknown[]): string => {
  const { config, pkgs } = host(modules);
  return planTree(config, pkgs)
    .entries.map((e) =>
      e.kind === "file" ? `F ${e.path} ${e.mode}\n${e.contents}` : `L ${e.path} -> ${e.target}`,
    )
    .join("\n\u0000\n");
};

/** A module defining containers (`file` names it in messages). */
export const containers = (
  file: string,
  cs: Record<string, unknown>,
  backend = "docker",
): Record<string, unknown> => ({
  _file: file,
  virtualisation: { "oci-containers": { backend, containers: cs } },
});

/** An object with `entries` as own data attributes (safe for `__proto__`), like a parsed JSON object. */
export const attrs = (entries: readonly (readonly [string, unknown])[]): Record<string, unknown> => {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

/** The error `f` throws (fails the test when it throws none or not an EvalError). */
export function evalError(f: () => unknown): EvalError {
  try {
    f();
  } catch (e) {
    if (e instanceof EvalError) return e;
    throw new Error(
      `expected an EvalError, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`,
    );
  }
  throw new Error("expected an evaluation error, got a value");
}

/** The error as the CLI prints it with --show-trace (message and contexts). */
export const shown = (e: EvalError): string => renderError(e, true);
