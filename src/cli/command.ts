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
import { warningText } from "../lib/nix/trivial.js";
import { readdirSync, statSync } from "node:fs";
import { readFileSync } from "node:fs";
import { didYouMean } from "../lib/suggest.js";
import { basename, join } from "node:path";
import { EvalError, setEvalErrorStackDepth } from "../lib/errors.js";
import { evalModules } from "../lib/evaluation.js";
import { loadModuleFiles, setCodeModuleSetup } from "../loader/loader.js";
import { stringifyJson, toJsonValue } from "../tools/render-json.js";
import {
  compareCase,
  describeDifference,
  errorResult,
  evaluateCase,
  readCase,
  referenceCleaning,
} from "../tools/conformance.js";
import { packageRoot } from "../lib/source-location.js";
import {
  defaultRevisionName,
  isRevisionName,
  revisionInForce,
  revisionNames,
  useRevision,
} from "../modules/revisions.js";
import { makePkgs } from "../modules/pkgs.js";
import { assertionsError } from "../modules/misc/assertions.js";
import { strayServices, strayServiceWarning } from "../modules/stray-services.js";
import { buildCommand } from "./build-command.js";
import { optionsCommand } from "./options-command.js";
import { explainCommand } from "./explain-command.js";
import { diffCommand } from "./diff-command.js";
import { err, importRootFlag, loadOptions, out, reportError } from "./common.js";
import {
  commonFlags,
  flagLines,
  helpOf,
  parseCommandLine,
  usageOf,
  UsageError,
  type Command,
  type ParsedArgs,
} from "./flags.js";
import { holdOutput } from "./held-output.js";
import { prepareForModuleFiles } from "./module-setup.js";

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

async function runEval({ values, positionals }: ParsedArgs): Promise<number> {
  const showTrace = values["show-trace"] === true;
  if (showTrace) setEvalErrorStackDepth(12);

  if (typeof values.case === "string") {
    if (positionals.length > 0 || values.attr !== undefined) {
      throw new UsageError("--case takes no modules and no --attr");
    }
    let result;
    try {
      result = evaluateCase(readCase(values.case, true));
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
  const attrText = typeof values.attr === "string" ? values.attr : "systemd.services";
  const attrPath = parseAttrPath(attrText);
  let config: Record<string, any> | undefined;
  try {
    const modules = await loadModuleFiles([...positionals], loadOptions(values));
    const evaluation = evalModules({
      modules: [...revisionInForce().modules, ...modules],
      specialArgs: { pkgs: makePkgs() },
    });
    config = evaluation.config as Record<string, any>;
    if ("warnings" in config) {
      for (const w of toJsonValue(config.warnings) as unknown[]) err(`trace: ${warningText(String(w))}`);
    }
    // NixOS refuses a system whose assertions fail: so does eval.
    const failed = assertionsError(config);
    if (failed !== null) throw failed;
    const json = stringifyJson(toJsonValue(select(config, attrPath, attrText), referenceCleaning(attrPath)));
    for (const s of strayServices(config, evaluation.options)) err(`warning: ${strayServiceWarning(s)}`);
    out(json);
    return 0;
  } catch (e) {
    reportError(e, showTrace, config);
    return 1;
  }
}

const evalCommand: Command = {
  name: "eval",
  summary: "print config.PATH (default systemd.services) as JSON",
  usage: ["eval [--attr PATH] [--show-trace] MODULE...", "eval [--show-trace] --case FILE"],
  details:
    "Evaluates the bundled NixOS base and oci-containers module with the module files (TypeScript,\n" +
    "JavaScript, JSON or YAML), as NixOS would, and prints one attribute of the configuration.\n" +
    "With --case, evaluates a conformance case instead (see docs/conformance.md), or a scenario: a\n" +
    "case without its expected values or error, as real Nix evaluates one (the benchmark's).",
  flags: {
    attr: {
      type: "string",
      short: "A",
      value: "PATH",
      description: "the attribute of config to print (default systemd.services)",
    },
    case: {
      type: "string",
      value: "FILE",
      description:
        "evaluate a conformance case (or a scenario: one without expected) instead of module files",
    },
    "show-trace": {
      type: "boolean",
      description: "show how evaluation got to an error, and the JavaScript stack",
    },
    ...importRootFlag,
  },
  examples: [
    "nixmod eval host.ts",
    "nixmod eval --attr systemd.services.podman-web.serviceConfig.ExecStartPre host.ts overrides.ts",
  ],
  run: runEval,
};

async function runConformance({ positionals }: ParsedArgs): Promise<number> {
  if (positionals.length !== 1) throw new UsageError("conformance takes one directory");
  const dir = positionals[0]!;
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
  if (files.length === 0) {
    err(`error: ${dir} has no conformance case (a .json file): nothing was checked`);
    return 1;
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

const conformanceCommand: Command = {
  name: "conformance",
  summary: "run every conformance case in DIR",
  usage: ["conformance DIR"],
  details:
    "Evaluates each case (a .json file: modules and what real Nix gave for them) and compares,\n" +
    "value by value; prints each failing case with its first difference, then `N passed, M failed`.\n" +
    'A case\'s own "revision" field decides its revision (absent: 2023-07).',
  flags: {},
  examples: ["nixmod conformance test/conformance/cases"],
  run: runConformance,
};

/** The subcommands, in the order the usage lists them. */
export const commands: readonly Command[] = [
  evalCommand,
  conformanceCommand,
  buildCommand,
  optionsCommand,
  explainCommand,
  diffCommand,
];

/** The package's version (its package.json's). */
function version(): string {
  const root = packageRoot();
  if (root === null) return "unknown";
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}

/** What `nixmod --help` prints. */
function usage(): string {
  const lines: (readonly [string, string])[] = commands.flatMap((c) =>
    c.usage.map((u, i) => [`nixmod ${u}`, i === 0 ? c.summary : ""] as const),
  );
  lines.push(["nixmod --version", "print nixmod's version"]);
  const width = Math.max(...lines.map(([u]) => u.length));
  return [
    "usage:",
    ...lines.map(([u, s]) => `  ${u.padEnd(width)}   ${s}`.trimEnd()),
    "",
    "Every command takes:",
    ...flagLines(commonFlags),
    'A conformance case\'s own "revision" field decides for it (absent: 2023-07).',
    "",
    "nixmod COMMAND --help: more about one command, with an example.",
  ].join("\n");
}

/** Has main run a subcommand (not only printed the help, the version or the usage)? */
let subcommandRan = false;
export const commandRan = (): boolean => subcommandRan;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    err(usage());
    return 2;
  }
  if (name === "help" || name === "-h" || name === "--help") {
    const about =
      name === "help" && args[0] !== undefined ? commands.find((c) => c.name === args[0]) : undefined;
    out(about === undefined ? usage() : helpOf(about));
    return 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    out(version());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    err(
      `nixmod: unknown command '${name}'${didYouMean(
        name,
        commands.map((c) => c.name),
        "; did you mean",
      )}`,
    );
    err(usage());
    return 2;
  }
  // (--help wins over whatever else the line has wrong or missing.)
  const end = args.indexOf("--");
  if ((end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h")) {
    out(helpOf(command));
    return 0;
  }
  try {
    const parsed = parseCommandLine(command, args);
    const revision = parsed.values.revision ?? defaultRevisionName;
    if (typeof revision !== "string" || !isRevisionName(revision)) {
      throw new UsageError(`unknown revision '${String(revision)}' (known: ${revisionNames.join(", ")})`);
    }
    useRevision(revision);
    subcommandRan = true;
    return await command.run(parsed);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`nixmod: ${e.message}`);
      err(usageOf(command));
      err(`(nixmod ${command.name} --help: more, with an example)`);
      return 2;
    }
    throw e;
  }
}

/** What the command's run in this process came to (see run). */
export type RunOutcome = "done" | "needs a deeper stack";

export interface RunOptions {
  /**
   * What to do once before the first TypeScript or JavaScript module file (see
   * setCodeModuleSetup): by default, as the command run from its sources does it (tsx
   * registered up front), give module files this engine (module-setup.ts).
   */
  readonly codeModuleSetup?: () => Promise<void>;
  /**
   * The process runs on the main thread's stack, V8's default of about 1 MB, where a chain of
   * some 2700 options, each reading the next, overflows (a process started with a larger
   * `--stack-size` does not). Then what the command writes is held back until it ends; if it
   * reports a stack overflow, its output is dropped and the outcome is "needs a deeper stack"
   * (bin/nixmod.js then runs the command again in a process with a deep stack), as it is at
   * once for a command that reports progress as it goes (build).
   */
  readonly shallowStack?: boolean;
}

/** What a command's output says when it met the end of the stack (errors.ts, render-json.ts, the YAML parser). */
const STACK_OVERFLOW = /stack overflow|nested too deeply|Maximum call stack size exceeded/;

/**
 * Run the command with the process's arguments; its exit status becomes the process's, unless
 * the outcome is "needs a deeper stack" (see RunOptions.shallowStack: nothing was printed).
 */
export async function run(options: RunOptions = {}): Promise<RunOutcome> {
  setCodeModuleSetup(options.codeModuleSetup ?? prepareForModuleFiles);
  // A reader that stops early (`| head`, a pager quit): the rest is not wanted, and that is no
  // error. The status is the command's as far as it got (a command sets process.exitCode
  // before it writes when its status does not wait for the end).
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
  const argv = process.argv.slice(2);
  if (options.shallowStack !== true) {
    process.exitCode = await main(argv);
    return "done";
  }
  if (commands.find((c) => c.name === argv[0])?.reportsProgress === true) return "needs a deeper stack";
  const held = holdOutput();
  let status: number;
  try {
    status = await main(argv);
  } catch (e) {
    if (e instanceof RangeError && STACK_OVERFLOW.test(e.message)) {
      held.drop();
      return "needs a deeper stack";
    }
    held.release();
    throw e;
  }
  if (status !== 0 && STACK_OVERFLOW.test(held.text())) {
    held.drop();
    return "needs a deeper stack";
  }
  process.exitCode = status;
  held.release();
  return "done";
}
