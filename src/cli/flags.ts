/**
 * The nixmod command's subcommands as data: each is its name, its flags (a table: what Node's
 * parseArgs needs, and what `--help` says), its usage lines, an example, and what it runs
 * with the parsed arguments. Flags every subcommand takes (`--revision`, `--help`) are one
 * table too (commonFlags): a new one is an entry there, and a new subcommand an entry in
 * command.ts's list.
 */
import { parseArgs } from "node:util";
import { defaultRevisionName, revisionNames } from "../modules/revisions.js";

/** One flag: its type, its one-letter form, the name of its value in the help, what it does. */
export interface Flag {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** Given any number of times: its value is the list of them. */
  readonly multiple?: boolean;
  /** The value's name in the help (`PATH`), for a string flag. */
  readonly value?: string;
  readonly description: string;
}

/** A command's flags, by long name. */
export type FlagTable = Readonly<Record<string, Flag>>;

/** What a subcommand is given: its flags' values (by long name) and its other arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface Command {
  readonly name: string;
  /** What it does, in a line (the overall usage lists it). */
  readonly summary: string;
  /** Its synopses, without `nixmod ` (`eval [--attr PATH] MODULE...`). */
  readonly usage: readonly string[];
  /** More about it, for `--help`: paragraphs of text. */
  readonly details?: string;
  /** Example command lines, for `--help`. */
  readonly examples: readonly string[];
  /** Its own flags (the common ones are added). */
  readonly flags: FlagTable;
  /** Run it: the exit status (0 done, 1 failed, 2 a usage error thrown as UsageError). */
  readonly run: (args: ParsedArgs) => Promise<number>;
}

/** A wrong command line: the message is printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

/** The flags every subcommand takes, besides its own. */
export const commonFlags: FlagTable = {
  revision: {
    type: "string",
    value: "NAME",
    description: `the revision of NixOS's modules: ${revisionNames.join(" or ")} (default ${defaultRevisionName})`,
  },
  help: { type: "boolean", short: "h", description: "print this help and exit" },
};

/** The flags of `command`, its own first, then the common ones. */
const flagsOf = (command: Command): FlagTable => ({ ...command.flags, ...commonFlags });

/**
 * Parse a subcommand's arguments: flags (anywhere, until `--`) by its table, the others
 * positional. A flag it does not know, or a value missing, is a UsageError.
 */
export function parseCommandLine(command: Command, argv: readonly string[]): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, f] of Object.entries(flagsOf(command))) {
    options[name] = {
      type: f.type,
      ...(f.short === undefined ? {} : { short: f.short }),
      ...(f.multiple === true ? { multiple: true } : {}),
    };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (e) {
    throw new UsageError(
      e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, "") : String(e),
    );
  }
}

/** `-h, --help`, `    --attr PATH`: a flag as the help lists it. */
function flagSynopsis(name: string, f: Flag): string {
  const short = f.short === undefined ? "    " : `-${f.short}, `;
  return `${short}--${name}${f.type === "string" ? ` ${f.value ?? "VALUE"}` : ""}`;
}

/** The usage lines of `command`: `usage: nixmod ...`, then one line per further synopsis. */
export function usageOf(command: Command): string {
  return command.usage.map((u, i) => `${i === 0 ? "usage:" : "      "} nixmod ${u}`).join("\n");
}

/** The lines listing the flags of `table`, one a line, their descriptions aligned. */
export function flagLines(table: FlagTable): string[] {
  const flags = Object.entries(table).map(([n, f]) => [flagSynopsis(n, f), f.description] as const);
  const width = Math.max(...flags.map(([s]) => s.length));
  return flags.map(([s, d]) => `  ${s.padEnd(width)}  ${d}`);
}

/** What `nixmod COMMAND --help` prints: usage, what it does, its flags, examples. */
export function helpOf(command: Command): string {
  return [
    usageOf(command),
    "",
    command.summary.replace(/^./, (c) => c.toUpperCase()) + ".",
    ...(command.details === undefined ? [] : ["", command.details]),
    "",
    "options:",
    ...flagLines(flagsOf(command)),
    "",
    command.examples.length === 1 ? "example:" : "examples:",
    ...command.examples.map((e) => `  ${e}`),
  ].join("\n");
}
