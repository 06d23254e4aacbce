/**
 * A systemd unit file as switch-to-configuration reads it to compare two of them (NixOS's
 * `parse_systemd_ini` and `parse_systemd_bool` in switch-to-configuration-ng, ported): its
 * sections, each a map from key to the list of its values.
 *
 * - `[Section]` starts a section; a section named twice is one section. `[Install]` is left
 *   out (nothing in it matters to a switch), as are lines before the first section.
 * - `Key=Value`: key and value trimmed; a value wholly in double or single quotes loses them
 *   (the INI parser switch-to-configuration uses reads quoted values so). A key given again
 *   adds a value; an empty value empties the list (`ExecStart=` then `ExecStart=/bin/x` is
 *   `[/bin/x]`), as systemd reads it.
 * - Lines starting with `#` or `;` are comments; blank lines and lines without `=` are
 *   nothing.
 *
 * So two unit files that differ only in layout, comments, the order of their sections or of
 * different keys are the same unit; the order of one key's values counts.
 */

/** A parsed unit: section name -> key -> values. */
export type UnitInfo = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

const unquote = (v: string): string =>
  v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;

/** Parse a unit file's text (see the file comment). */
export function parseUnit(text: string): UnitInfo {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[") && line.endsWith("]")) {
      const name = line.slice(1, -1).trim();
      if (name === "Install") current = null;
      else {
        current = sections.get(name) ?? new Map<string, string[]>();
        sections.set(name, current);
      }
      continue;
    }
    const eq = line.indexOf("=");
    if (current === null || eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = unquote(line.slice(eq + 1).trim());
    if (value === "") current.set(key, []);
    else current.set(key, [...(current.get(key) ?? []), value]);
  }
  return sections;
}

/** The values of `section`'s `key` (empty when unset). */
export const unitValues = (info: UnitInfo, section: string, key: string): readonly string[] =>
  info.get(section)?.get(key) ?? [];

/**
 * A boolean setting as switch-to-configuration reads it: the last value, true when it is `1`,
 * `yes`, `true` or `on`, false otherwise; `fallback` when the key is not set.
 */
export function unitBool(info: UnitInfo | null, section: string, key: string, fallback: boolean): boolean {
  const values = info === null ? [] : unitValues(info, section, key);
  const last = values[values.length - 1];
  return last === undefined ? fallback : ["1", "yes", "true", "on"].includes(last);
}

/** The unit names listed by `section`'s `key` (space-separated values, all of them). */
export const unitNames = (info: UnitInfo, section: string, key: string): string[] =>
  unitValues(info, section, key).flatMap((v) => v.split(/\s+/).filter((n) => n !== ""));
