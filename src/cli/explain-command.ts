/**
 * `nixmod explain [--json] [--show-trace] OPTION MODULE...`: how OPTION got its value in the
 * NixOS base and oci-containers modules with the given module files: its type, default and
 * value, every definition with its file, override priority and order priority, which
 * definitions won and why, and for lists and attribute sets which file contributed what.
 * OPTION may go into attribute-set values and submodules:
 * `virtualisation.oci-containers.containers.web.image`,
 * `systemd.services.podman-web.serviceConfig.ExecStartPre`. Quote a name holding dots:
 * `systemd.units."podman-web.service".text`.
 */
import { parseArgs } from "node:util";
import { explainOption, renderExplanation } from "../lib/explain.js";
import { loadModuleFiles } from "../lib/loader.js";
import { revisionInForce } from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";
import { out, reportError, usageError } from "./common.js";

export const EXPLAIN_USAGE =
  "  nixmod explain [--json] [--show-trace] OPTION MODULE... how OPTION got its value: definitions, priorities, order";

/** Split an option path: dots separate names, "double quotes" protect dots in a name. */
export function parseOptionPath(s: string): string[] | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([^."]+)/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    parts.push(m[1] ?? m[2]!);
    i = re.lastIndex;
    if (i < s.length) {
      if (s[i] !== ".") return null;
      i++;
      if (i === s.length) return null;
    }
  }
  return parts.length > 0 ? parts : null;
}

export async function cmdExplain(argv: string[]): Promise<number> {
  let values: { json?: boolean; "show-trace"?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: "boolean" }, "show-trace": { type: "boolean" } },
      allowPositionals: true,
    }));
  } catch (e) {
    return usageError((e as Error).message, EXPLAIN_USAGE);
  }
  const [optionText, ...files] = positionals;
  if (optionText === undefined) return usageError("explain needs an option path", EXPLAIN_USAGE);
  const path = parseOptionPath(optionText);
  if (path === null) return usageError(`not an option path: '${optionText}'`, EXPLAIN_USAGE);
  try {
    const modules = await loadModuleFiles(files);
    const e = explainOption(
      { modules: [...revisionInForce().modules, ...modules], specialArgs: { pkgs: makePkgs() } },
      path,
    );
    if (values.json) {
      const { toJsonValue, stringifyJson } = await import("../lib/render-json.js");
      out(stringifyJson(toJsonValue(e)));
    } else out(renderExplanation(e));
    return 0;
  } catch (e) {
    reportError(e, values["show-trace"] ?? false);
    return 1;
  }
}
