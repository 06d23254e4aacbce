/**
 * A host diff as text for a person: what the switch does, grouped by action; each unit with
 * what changed and why it gets what it gets (a container created again, with the options that
 * changed); what systemd does meanwhile; the links; then the unit files' diffs and the diffs of
 * the scripts whose store paths changed. Colour (ANSI) only when asked for.
 */
import type { HostDiff, UnitReport } from "./host-diff.js";
import type { Action } from "./switch-plan.js";

export interface RenderOptions {
  /** ANSI colours (the command: on a terminal only). */
  readonly color?: boolean;
  /** What the old and the new system are, for the heading (`examples/host.ts (revision 2023-07)`). */
  readonly old?: string;
  readonly new?: string;
}

const CODES = { bold: 1, red: 31, green: 32, yellow: 33, cyan: 36, dim: 2 } as const;
type Style = keyof typeof CODES;

/** The summary's groups, in NixOS's order of the switch, with what each means. */
const GROUPS: ReadonlyArray<readonly [Action, string, Style]> = [
  ["stop", "stop", "red"],
  ["start", "start", "green"],
  ["restart", "restart", "yellow"],
  ["reload", "reload", "yellow"],
  ["skip", "skip", "red"],
];

/** `stop, then start` and the like: a unit's actions as words. */
function actionWords(u: UnitReport): string {
  const a = new Set(u.actions);
  if (a.has("stop") && a.has("start")) {
    const rest = u.actions.filter((x) => x !== "stop" && x !== "start");
    return ["stop, then start", ...rest].join(", ");
  }
  return u.actions.length === 0 ? "nothing" : u.actions.join(", ");
}

/** Render a host diff (see the file comment). */
export function renderDiff(diff: HostDiff, options: RenderOptions = {}): string {
  const paint = (style: Style, s: string): string =>
    options.color === true && s !== "" ? `\x1b[${CODES[style]}m${s}\x1b[0m` : s;
  const out: string[] = [];
  const heading = (s: string): void => void out.push("", paint("bold", s));

  if (options.old !== undefined && options.new !== undefined) {
    out.push(paint("bold", `nixmod diff: ${options.old} -> ${options.new}`));
  }
  if (!diff.changed) {
    out.push("no change: the two systems have the same units, links and store files");
    return out.join("\n") + "\n";
  }
  out.push(...diff.assumptions.map((a) => paint("dim", `(assumed: ${a})`)));

  heading("What switching does:");
  const width = Math.max(...GROUPS.map(([, label]) => label.length));
  for (const [action, label, style] of GROUPS) {
    const units = diff[action];
    out.push(`  ${label.padEnd(width)}  ${units.length === 0 ? "-" : paint(style, units.join(" "))}`);
  }
  if (diff.skip.length > 0) {
    out.push(
      paint(
        "red",
        "  (skipped: changed, but NOT restarted by the switch: restart them by hand for the change to apply)",
      ),
    );
  }

  const shownUnits = diff.units.filter(
    (u) => u.change !== "unchanged" || u.actions.length > 0 || u.container !== null,
  );
  if (shownUnits.length > 0) {
    heading("Units:");
    for (const u of shownUnits) {
      const change = u.change === "unchanged" ? "unchanged" : u.change;
      out.push(`  ${paint("bold", u.name)}: ${change}; ${actionWords(u)}`);
      out.push(`    ${u.why}`);
      if (u.container !== null) {
        out.push(`    the container ${u.container.name} (${u.container.backend}) is created again, because:`);
        for (const r of u.container.reasons) out.push(`      - ${r}`);
      }
    }
  }

  if (diff.indirect.length > 0) {
    heading("Meanwhile, systemd:");
    for (const e of diff.indirect) {
      const what =
        e.effect === "stop"
          ? "stops"
          : e.effect === "stop-start"
            ? "stops, then starts again,"
            : e.effect === "restart"
              ? "restarts"
              : "starts again";
      out.push(`  ${what} ${paint("bold", e.unit)}: ${e.because}`);
    }
  }

  if (diff.links.length > 0) {
    heading("Links in /etc/systemd/system:");
    for (const l of diff.links) {
      if (l.old === null) out.push(paint("green", `  + ${l.path} -> ${l.new}`));
      else if (l.new === null) out.push(paint("red", `  - ${l.path} -> ${l.old}`));
      else out.push(paint("yellow", `  ~ ${l.path} -> ${l.old} => ${l.new}`));
    }
  }

  const colorDiff = (text: string): string[] =>
    text
      .trimEnd()
      .split("\n")
      .map((l) =>
        l.startsWith("+++") || l.startsWith("---")
          ? paint("bold", l)
          : l.startsWith("@@")
            ? paint("cyan", l)
            : l.startsWith("+")
              ? paint("green", l)
              : l.startsWith("-")
                ? paint("red", l)
                : l,
      );

  const unitDiffs = diff.units.filter((u) => u.diff !== "");
  if (unitDiffs.length > 0) {
    heading("Unit files:");
    for (const u of unitDiffs) out.push(...colorDiff(u.diff));
  }
  const changedScripts = diff.scripts.filter((s) => s.old !== null && s.new !== null);
  if (changedScripts.length > 0) {
    heading("Scripts whose store paths changed:");
    for (const s of changedScripts) {
      out.push(paint("dim", `# ${s.role}, of ${s.usedBy.join(", ") || "no unit"}`));
      out.push(...(s.diff === "" ? [`same contents: ${s.old} -> ${s.new}`] : colorDiff(s.diff)));
    }
  }
  const added = diff.scripts.filter((s) => s.old === null);
  const removed = diff.scripts.filter((s) => s.new === null);
  if (added.length > 0) {
    heading("Store files added:");
    for (const s of added)
      out.push(
        paint("green", `  + ${s.new}`) + paint("dim", ` (${s.role}, of ${s.usedBy.join(", ") || "no unit"})`),
      );
  }
  if (removed.length > 0) {
    heading("Store files removed:");
    for (const s of removed)
      out.push(
        paint("red", `  - ${s.old}`) + paint("dim", ` (${s.role}, of ${s.usedBy.join(", ") || "no unit"})`),
      );
  }
  return out.join("\n") + "\n";
}
