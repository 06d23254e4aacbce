/**
 * `nixmod diff`: what switching from one configuration to another does to the machine (see
 * src/diff and docs/diff.md). Each side is module files or a tree `nixmod build` wrote; with
 * `--git REV`, the old side is the module files as they were at REV. Exit status as diff(1)
 * has it: 0 no change, 1 changes, 2 an error (usage, loading, evaluation, git).
 */
import { statSync } from "node:fs";
import { setEvalErrorStackDepth } from "../lib/errors.js";
import { loadModuleFiles } from "../loader/loader.js";
import { isRevisionName, revisionInForce, revisionNames, type RevisionName } from "../modules/revisions.js";
import {
  DiffInputError,
  diffHosts,
  diffJson,
  evaluateHostFiles,
  hostFilesAtRevision,
  readBuildTree,
  renderDiff,
  type HostFiles,
} from "../diff/index.js";
import { err, importRootFlag, loadOptions, out, reportError } from "./common.js";
import { UsageError, type Command, type ParsedArgs } from "./flags.js";

/** One side of the comparison: module files, or a tree `nixmod build` wrote. */
type Side =
  | { readonly kind: "modules"; readonly files: readonly string[] }
  | { readonly kind: "tree"; readonly dir: string };

const isDirectory = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** A side from what the command line gives for it (one folder, or module files). */
function sideOf(items: readonly string[], which: string): Side {
  const dirs = items.filter(isDirectory);
  if (dirs.length === 0) return { kind: "modules", files: items };
  if (items.length > 1) {
    throw new UsageError(
      `the ${which} side is either module files or one tree nixmod build wrote, not both: ${dirs[0]} is a folder`,
    );
  }
  return { kind: "tree", dir: items[0]! };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

async function runDiff({ values, positionals }: ParsedArgs): Promise<number> {
  const showTrace = values["show-trace"] === true;
  if (showTrace) setEvalErrorStackDepth(12);
  const color = typeof values.color === "string" ? values.color : "auto";
  if (!["auto", "always", "never"].includes(color)) {
    throw new UsageError(`--color takes auto, always or never, not '${color}'`);
  }
  const newRevision = revisionInForce().name;
  const oldRevisionText = values["old-revision"];
  if (oldRevisionText !== undefined && !isRevisionName(oldRevisionText)) {
    throw new UsageError(
      `unknown revision '${String(oldRevisionText)}' (known: ${revisionNames.join(", ")})`,
    );
  }
  const oldRevision: RevisionName = (oldRevisionText as RevisionName | undefined) ?? newRevision;
  const olds = list(values.old);
  const news = list(values.new);
  const rev = typeof values.git === "string" ? values.git : null;

  let oldSide: Side | null = null;
  let newSide: Side;
  if (rev !== null) {
    if (olds.length > 0 || news.length > 0)
      throw new UsageError("--git takes module files, not --old or --new");
    if (positionals.length === 0) throw new UsageError("diff --git REV needs at least one module file");
    if (positionals.some(isDirectory)) throw new UsageError("diff --git REV takes module files, not folders");
    newSide = { kind: "modules", files: positionals };
  } else if (olds.length > 0 || news.length > 0) {
    if (olds.length === 0 || news.length === 0) throw new UsageError("diff needs both --old and --new");
    if (positionals.length > 0) throw new UsageError("with --old and --new, diff takes no other arguments");
    oldSide = sideOf(olds, "old");
    newSide = sideOf(news, "new");
  } else {
    if (positionals.length !== 2) {
      throw new UsageError(
        "diff needs OLD and NEW (each a module file or a tree nixmod build wrote), or --git REV MODULE...",
      );
    }
    oldSide = sideOf([positionals[0]!], "old");
    newSide = sideOf([positionals[1]!], "new");
  }

  const revisionNote = (r: RevisionName): string => (oldRevision !== newRevision ? ` (revision ${r})` : "");
  const label = (side: Side, r: RevisionName): string =>
    side.kind === "tree" ? `the tree ${side.dir}` : `${side.files.join(" ")}${revisionNote(r)}`;
  const options = loadOptions(values);
  const hostOf = async (side: Side, r: RevisionName): Promise<HostFiles> =>
    side.kind === "tree"
      ? readBuildTree(side.dir)
      : evaluateHostFiles(await loadModuleFiles([...side.files], options), r);

  let oldLabel: string;
  let old: HostFiles;
  try {
    if (rev !== null) {
      const at = await hostFilesAtRevision(rev, newSide.kind === "modules" ? newSide.files : [], {
        oldRevision,
        importRoots: options.importRoots ?? [],
      });
      old = at.host;
      oldLabel = `${positionals.join(" ")} at ${rev} (commit ${at.commit.slice(0, 12)})${revisionNote(oldRevision)}`;
    } else {
      old = await hostOf(oldSide!, oldRevision);
      oldLabel = label(oldSide!, oldRevision);
    }
  } catch (e) {
    return failed(e, showTrace, rev === null ? "the old side" : `the files as they were at ${rev}`);
  }
  let next: HostFiles;
  try {
    next = await hostOf(newSide, newRevision);
  } catch (e) {
    return failed(e, showTrace, "the new side");
  }
  const diff = diffHosts(old, next);
  const status = diff.changed ? 1 : 0;
  // (Known before writing: a reader that stops early gets it too, see run.)
  process.exitCode = status;
  const useColor =
    color === "always" || (color === "auto" && process.stdout.isTTY === true && !process.env.NO_COLOR);
  out(
    values.json === true
      ? diffJson(diff)
      : renderDiff(diff, {
          color: useColor,
          old: oldLabel,
          new:
            rev !== null
              ? `${positionals.join(" ")} now${revisionNote(newRevision)}`
              : label(newSide, newRevision),
        }),
  );
  return status;
}

/** Report an error of one side; the exit status of an error, 2. */
function failed(e: unknown, showTrace: boolean, side: string): number {
  if (e instanceof DiffInputError) err(`error: ${e.message}`);
  else {
    reportError(e, showTrace);
    err(`       (while evaluating ${side})`);
  }
  return 2;
}

export const diffCommand: Command = {
  name: "diff",
  summary: "what switching from OLD to NEW does to each unit, by NixOS's rules",
  usage: [
    "diff [--json] [--color WHEN] [--old-revision NAME] OLD NEW",
    "diff [--json] [--color WHEN] [--old-revision NAME] --old MODULE... --new MODULE...",
    "diff [--json] [--color WHEN] [--old-revision NAME] --git REV MODULE...",
  ],
  details:
    "Compares two configurations: module files, trees nixmod build wrote (OLD and NEW may be either),\n" +
    "or with --git the module files as they were at the git revision REV (and the files they import)\n" +
    "and as they are now. Prints what switching from the old to the new would do, grouped by action\n" +
    "(stop, start, restart, reload, skip), decided by the rules of NixOS's switch-to-configuration;\n" +
    "each unit with why, each container created again with the options that changed; then the\n" +
    "unit files' diffs and the diffs of the scripts whose store paths changed. A unit counts as\n" +
    "running in the old system when a target wants it. Exit status: 0 no change, 1 changes, 2 an\n" +
    "error. See docs/diff.md.",
  flags: {
    json: { type: "boolean", description: "print the plan as JSON (schema: docs/diff.md)" },
    color: {
      type: "string",
      value: "WHEN",
      description: "colour the output: auto (on a terminal, unless NO_COLOR is set), always or never",
    },
    git: {
      type: "string",
      value: "REV",
      description: "compare the module files as they were at the git revision REV with them now",
    },
    old: {
      type: "string",
      multiple: true,
      value: "FILE",
      description: "a module file (or a build's tree) of the old side (any number)",
    },
    new: {
      type: "string",
      multiple: true,
      value: "FILE",
      description: "a module file (or a build's tree) of the new side (any number)",
    },
    "old-revision": {
      type: "string",
      value: "NAME",
      description: "the old side's revision of NixOS's modules (default: --revision's)",
    },
    "show-trace": {
      type: "boolean",
      description: "show how evaluation got to an error, and the JavaScript stack",
    },
    ...importRootFlag,
  },
  examples: [
    "nixmod diff --git main hosts/web.ts",
    "nixmod diff --old-revision 2023-07 examples/host-2023-07.ts examples/host.ts",
    "nixmod diff --json result-old result",
  ],
  run: runDiff,
};
