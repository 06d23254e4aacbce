/**
 * The nixmod command line: `main` runs one command, `run` the process's. bin/nixmod.js runs
 * it from its bundle (src/cli/bundle.ts), or from src/cli/main.ts through tsx when the
 * bundle is older than the sources.
 *
 *   nixmod eval [--attr PATH] [--show-trace] MODULE...
 *   nixmod eval [--show-trace] --case FILE
 *   nixmod conformance DIR
 *
 * `eval` evaluates the bundled NixOS base and oci-containers modules together with the
 * given module files (JSON, YAML, TypeScript or JavaScript) and prints one attribute of the
 * configuration as JSON. Exit status: 0 on success, 1 on an evaluation or load error (or a
 * failing conformance case), 2 on a usage error.
 */
import { readdirSync, statSync } from "node:fs";
import { didYouMean } from "../lib/suggest.js";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { EvalError, setEvalErrorStackDepth } from "../lib/errors.js";
import { evalModules } from "../lib/evaluation.js";
import { loadModuleFiles, setCodeModuleSetup } from "../lib/loader.js";
import { stringifyJson, toJsonValue } from "../lib/render-json.js";
import {
  compareCase,
  describeDifference,
  errorResult,
  evaluateCase,
  readCase,
  referenceCleaning,
} from "../lib/conformance.js";
import {
  defaultRevisionName,
  isRevisionName,
  revisionInForce,
  revisionNames,
  useRevision,
  type RevisionName,
} from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";
import { assertionsError } from "../modules/misc/assertions.js";
import { BUILD_USAGE, cmdBuild } from "./build-command.js";
import { OPTIONS_USAGE, cmdOptions } from "./options-command.js";
import { EXPLAIN_USAGE, cmdExplain } from "./explain-command.js";
import { err, out, reportError } from "./common.js";
import { prepareForModuleFiles } from "./module-setup.js";

const USAGE = `usage:
  nixmod eval [--attr PATH] [--show-trace] MODULE...   print config.PATH (default systemd.services) as JSON
  nixmod eval [--show-trace] --case FILE                evaluate a conformance case
  nixmod conformance DIR                                run every conformance case in DIR
${BUILD_USAGE}
${OPTIONS_USAGE}
${EXPLAIN_USAGE}
Every command takes --revision NAME: the revision of NixOS's modules, ${defaultRevisionName} (the default)
or 2023-07 (the seed). A conformance case's own "revision" field decides for it (absent: 2023-07).
`;

class UsageError extends Error {}

/** Split an attribute path: dots separate names, "double quotes" protect dots in a name. */
export function parseAttrPath(s: string): string[] {
  const parts: string[] = [];
  let i = 0;
  if (s === "") return parts;
  while (i <= s.length) {
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end === -1) throw new UsageError(`unterminated quote in attribute path '${s}'`);
      parts.push(s.slice(i + 1, end));
      i = end + 1;
    } else {
      const dot = s.indexOf(".", i);
      const end = dot === -1 ? s.length : dot;
      const name = s.slice(i, end);
      if (name === "") throw new UsageError(`empty attribute name in attribute path '${s}'`);
      parts.push(name);
      i = end;
    }
    if (i >= s.length) break;
    if (s[i] !== ".") throw new UsageError(`expected '.' after a quoted name in attribute path '${s}'`);
    i++;
  }
  return parts;
}

/** `config.a.b.c`, with Nix's message for a missing attribute. */
function select(config: unknown, path: readonly string[], shown: string): unknown {
  let v: unknown = config;
  for (const name of path) {
    // An own attribute only: `"toString" in {}` is true in JavaScript.
    if (
      typeof v !== "object" ||
      v === null ||
      Array.isArray(v) ||
      !Object.prototype.propertyIsEnumerable.call(v, name)
    ) {
      const near =
        typeof v === "object" && v !== null && !Array.isArray(v)
          ? didYouMean(name, Object.keys(v), "; did you mean")
          : "";
      throw new EvalError(`attribute '${name}' in selection path '${shown}' not found${near}`);
    }
    v = (v as Record<string, unknown>)[name];
  }
  return v;
}

async function cmdEval(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      attr: { type: "string", short: "A" },
      "show-trace": { type: "boolean" },
      case: { type: "string" },
    },
    allowPositionals: true,
  });
  const showTrace = values["show-trace"] ?? false;
  if (showTrace) setEvalErrorStackDepth(12);

  if (values.case !== undefined) {
    if (positionals.length > 0 || values.attr !== undefined) {
      throw new UsageError("--case takes no modules and no --attr");
    }
    let result;
    try {
      result = evaluateCase(readCase(values.case));
    } catch (e) {
      result = errorResult(e);
    }
    if (!result.ok) {
      reportError(result.cause, showTrace);
      return 1;
    }
    out(stringifyJson({ ...result.values }));
    return 0;
  }

  if (positionals.length === 0) throw new UsageError("eval needs at least one module file");
  const attrText = values.attr ?? "systemd.services";
  const attrPath = parseAttrPath(attrText);
  let config: Record<string, any> | undefined;
  try {
    const modules = await loadModuleFiles(positionals);
    ({ config } = evalModules({
      modules: [...revisionInForce().modules, ...modules],
      specialArgs: { pkgs: makePkgs() },
    }));
    if ("warnings" in config!) {
      for (const w of toJsonValue(config.warnings) as unknown[]) err(`trace: warning: ${String(w)}`);
    }
    // NixOS refuses a system whose assertions fail: so does eval.
    const failed = assertionsError(config!);
    if (failed !== null) throw failed;
    const value = select(config!, attrPath, attrText);
    out(stringifyJson(toJsonValue(value, referenceCleaning(attrPath))));
    return 0;
  } catch (e) {
    reportError(e, showTrace, config);
    return 1;
  }
}

function cmdConformance(argv: string[]): number {
  const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError("conformance takes one directory");
  const dir = positionals[0];
  let files: string[];
  try {
    files = statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => join(dir, f))
      : [dir];
  } catch (e) {
    throw new UsageError(`cannot read ${dir}: ${(e as Error).message}`);
  }
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let name = basename(file, ".json");
    let line: string | null;
    try {
      const c = readCase(file);
      name = c.name;
      const d = compareCase(c, evaluateCase(c));
      line = d === null ? null : describeDifference(d);
    } catch (e) {
      line = `cannot run: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (line === null) passed++;
    else {
      failed++;
      out(`FAIL ${name}: ${line}`);
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/**
 * `--revision NAME` (or `--revision=NAME`), accepted by every command wherever it stands after
 * the command's name: the revision of the bundled modules, and of the lib, for the process.
 * Returns the other arguments.
 */
export function takeRevision(argv: readonly string[]): { revision: RevisionName; rest: string[] } {
  const rest: string[] = [];
  let revision: string = defaultRevisionName;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--revision" || a.startsWith("--revision=")) {
      const v = a === "--revision" ? argv[++i] : a.slice("--revision=".length);
      if (v === undefined || v === "") throw new UsageError("--revision needs a revision name");
      revision = v;
    } else rest.push(a);
  }
  if (!isRevisionName(revision)) {
    throw new UsageError(`unknown revision '${revision}' (known: ${revisionNames.join(", ")})`);
  }
  return { revision, rest };
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  try {
    const { revision, rest } = takeRevision(args);
    useRevision(revision);
    switch (cmd) {
      case "eval":
        return await cmdEval(rest);
      case "conformance":
        return cmdConformance(rest);
      case "build":
        return await cmdBuild(rest);
      case "options":
        return await cmdOptions(rest);
      case "explain":
        return await cmdExplain(rest);
      case undefined:
      case "help":
      case "-h":
      case "--help":
        (cmd === undefined ? err : out)(USAGE.trimEnd());
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      err(`nixmod: ${e.message}`);
      err(USAGE.trimEnd());
      return 2;
    }
    throw e;
  }
}

/** Run the command with the process's arguments; its exit status becomes the process's. */
export async function run(): Promise<void> {
  // Before the first TypeScript or JavaScript module file: tsx, when the command runs from its
  // bundle (NIXMOD_REGISTER_TSX is set by bin/nixmod.js), and one engine for `require` too.
  setCodeModuleSetup(() => prepareForModuleFiles(process.env.NIXMOD_REGISTER_TSX === "1"));
  process.exitCode = await main(process.argv.slice(2));
}
