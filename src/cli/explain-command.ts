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
import { explainOption, renderExplanation } from "../tools/explain.js";
import { loadModuleFiles } from "../loader/loader.js";
import { revisionInForce } from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";
import { bundledFileNotes, importRootFlag, loadOptions, out, reportError } from "./common.js";
import { UsageError, type Command, type ParsedArgs } from "./flags.js";

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

async function runExplain({ values, positionals }: ParsedArgs): Promise<number> {
  const [optionText, ...files] = positionals;
  if (optionText === undefined) throw new UsageError("explain needs an option path");
  const path = parseOptionPath(optionText);
  if (path === null) throw new UsageError(`not an option path: '${optionText}'`);
  try {
    const modules = await loadModuleFiles(files, loadOptions(values));
    const e = explainOption(
      { modules: [...revisionInForce().modules, ...modules], specialArgs: { pkgs: makePkgs() } },
      path,
    );
    if (values.json === true) {
      const { toJsonValue, stringifyJson } = await import("../tools/render-json.js");
      out(stringifyJson(toJsonValue(e)));
    } else {
      const text = renderExplanation(e);
      out([text, ...bundledFileNotes(text)].join("\n"));
    }
    return 0;
  } catch (e) {
    reportError(e, values["show-trace"] === true);
    return 1;
  }
}

export const explainCommand: Command = {
  name: "explain",
  summary: "how OPTION got its value: definitions, priorities, order",
  usage: ["explain [--json] [--show-trace] OPTION MODULE..."],
  details:
    "Shows the option's type, default and value, every definition with its file, override priority\n" +
    "and order priority, which definitions won and why, and for lists and attribute sets which file\n" +
    "contributed what. OPTION may go into attribute sets and submodules; quote a name holding dots:\n" +
    'systemd.units."podman-web.service".text.',
  flags: {
    json: { type: "boolean", description: "as JSON" },
    "show-trace": {
      type: "boolean",
      description: "show how evaluation got to an error, and the JavaScript stack",
    },
    ...importRootFlag,
  },
  examples: ["nixmod explain systemd.services.podman-web.serviceConfig.ExecStartPre host.ts overrides.ts"],
  run: runExplain,
};
