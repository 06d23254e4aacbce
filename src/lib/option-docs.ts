/**
 * Option documentation: the list of documented options of an evaluation, as nixpkgs'
 * `optionAttrSetToDocList` makes it (lib/options.nix), and its renderings as JSON (the shape
 * of NixOS's options.json) and Markdown (the shape of the NixOS manual's option list).
 *
 * - Options are collected from the options tree in attribute order (code-unit order), each
 *   followed by the sub-options its type has (`getSubOptions`): a submodule under attrsOf is
 *   listed at `<name>` (`virtualisation.oci-containers.containers.<name>.image`), under listOf
 *   at `*`.
 * - `default` and `example` are rendered like `renderOptionValue`: a value that already is a
 *   `literalExpression`/`literalMD` stays as it is, anything else becomes a literalExpression
 *   of its `toPretty` (multiline, allowPrettyValues). `defaultText` wins over `default`.
 * - `visible = "shallow"` shows the option but not its sub-options; `visible = false` and
 *   `internal` options are in the list (as in Nix) and left out by `visibleOptions`.
 */
import { compareCodeUnits, isAttrs } from "./attrs-lazy.js";
import { addErrorContext } from "./errors.js";
import { toPretty } from "./nix/generators.js";
import { isOption, literalExpression, showOption, unknownModule } from "./options.js";
import type { OptionType } from "../types/option-type.js";

/** A rendered default or example: literal Nix text, or Markdown. */
export interface RenderedValue {
  _type: "literalExpression" | "literalMD";
  text: string;
}

/** One documented option (the attributes of a nixpkgs doc option). */
export interface DocOption {
  loc: string[];
  name: string;
  description: string | null;
  declarations: string[];
  internal: boolean;
  visible: boolean;
  readOnly: boolean;
  type: string;
  default?: RenderedValue;
  example?: RenderedValue;
  relatedPackages?: unknown;
}

/** `renderOptionValue`: keep literalExpression/literalMD, pretty-print anything else. */
export function renderOptionValue(v: unknown): RenderedValue {
  if (isAttrs(v) && "_type" in v && "text" in v) {
    const r = v as { _type: unknown; text: unknown };
    return { _type: r._type === "literalMD" ? "literalMD" : "literalExpression", text: String(r.text) };
  }
  return literalExpression(toPretty(v, { multiline: true, allowPrettyValues: true }));
}

/** `collect isOption`: the options of a tree, in attribute order. */
function collectOptions(tree: unknown): Record<string, any>[] {
  if (isOption(tree)) return [tree as Record<string, any>];
  if (!isAttrs(tree)) return [];
  const obj = tree as Record<string, unknown>;
  return Object.keys(obj)
    .sort(compareCodeUnits)
    .flatMap((n) => collectOptions(obj[n]));
}

/** `optionAttrSetToDocList`: every option of an options tree (evaluated options) with its docs. */
export function optionAttrSetToDocList(options: unknown): DocOption[] {
  return collectOptions(options).flatMap((opt) => {
    const loc = opt.loc as string[];
    const name = showOption(loc);
    const type = opt.type as OptionType | undefined;
    const doc: DocOption = {
      loc,
      name,
      description: (opt.description as string | undefined) ?? null,
      declarations: ((opt.declarations as string[] | undefined) ?? []).filter((x) => x !== unknownModule),
      internal: opt.internal ?? false,
      visible: opt.visible === "shallow" ? true : (opt.visible ?? true),
      readOnly: opt.readOnly ?? false,
      type: type?.description ?? "unspecified",
    };
    if ("example" in opt) {
      doc.example = addErrorContext(`while evaluating the example of option \`${name}\``, () =>
        renderOptionValue(opt.example),
      );
    }
    if ("defaultText" in opt || "default" in opt) {
      const hasText = "defaultText" in opt;
      doc.default = addErrorContext(
        `while evaluating the ${hasText ? "defaultText" : "default value"} of option \`${name}\``,
        () => renderOptionValue(hasText ? opt.defaultText : opt.default),
      );
    }
    if (opt.relatedPackages != null) doc.relatedPackages = opt.relatedPackages;
    const subOptionsVisible = doc.visible && opt.visible !== "shallow";
    const subOptions = (): DocOption[] => {
      const ss = type?.getSubOptions(loc);
      return isAttrs(ss) && Object.keys(ss).length > 0 ? optionAttrSetToDocList(ss) : [];
    };
    return [doc, ...(subOptionsVisible ? subOptions() : [])];
  });
}

/** The options a manual shows: not internal, visible. */
export const visibleOptions = (docs: readonly DocOption[]): DocOption[] =>
  docs.filter((d) => d.visible && !d.internal);

/** JSON like NixOS's options.json: an object from option names to their docs. */
export function optionsToJson(docs: readonly DocOption[]): string {
  const out: Record<string, unknown> = {};
  for (const d of docs) {
    const entry: Record<string, unknown> = {
      declarations: d.declarations,
      description: d.description,
      loc: d.loc,
      readOnly: d.readOnly,
      type: d.type,
    };
    if (d.default !== undefined) entry.default = d.default;
    if (d.example !== undefined) entry.example = d.example;
    if (d.relatedPackages !== undefined) entry.relatedPackages = d.relatedPackages;
    out[d.name] = entry;
  }
  return JSON.stringify(out, null, 2) + "\n";
}

/** A rendered value after a label: inline code for one line, a fenced block otherwise. */
function labelled(label: string, v: RenderedValue): string {
  if (v._type === "literalMD") return `*${label}:* ${v.text.trim()}`;
  const text = v.text.replace(/\n+$/, "");
  if (!text.includes("\n") && !text.includes("`")) return `*${label}:* \`${text}\``;
  return `*${label}:*\n\n\`\`\`nix\n${text}\n\`\`\``;
}

/** Text shown as is in Markdown (`<name>` would be an HTML tag, `*` emphasis, ...). */
export const escapeMarkdown = (s: string): string => s.replace(/[\\`*_[\]<>#|{}]/g, (c) => "\\" + c);

/**
 * The options in Markdown, like the NixOS manual: a heading per option, then the
 * description, type, default, example and the files declaring it.
 */
export function optionsToMarkdown(docs: readonly DocOption[], title = "Options"): string {
  const parts: string[] = [`# ${title}`, ""];
  for (const d of docs) {
    parts.push(`## ${escapeMarkdown(d.name)}`, "");
    if (d.description) parts.push(d.description.trim(), "");
    parts.push(`*Type:* ${escapeMarkdown(d.type)}${d.readOnly ? " *(read only)*" : ""}`, "");
    if (d.default !== undefined) parts.push(labelled("Default", d.default), "");
    if (d.example !== undefined) parts.push(labelled("Example", d.example), "");
    if (d.declarations.length > 0) {
      parts.push(`*Declared by:* ${d.declarations.map((f) => "`" + f + "`").join(", ")}`, "");
    }
  }
  return parts.join("\n").replace(/\n+$/, "\n");
}

/** A short text listing: one option per line with its type. */
export function optionsToText(docs: readonly DocOption[]): string {
  return docs.map((d) => `${d.name} (${d.type})`).join("\n") + (docs.length > 0 ? "\n" : "");
}
