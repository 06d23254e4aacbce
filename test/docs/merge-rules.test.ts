/**
 * docs/merge-rules.md: every ```js example block is run, and every `// =>` line checked: the
 * statement before it is evaluated and compared with the JSON after `=>`, or must throw an
 * error containing the quoted text (`// => throws "..."`).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as nixmod from "../../src/index.js";
import { evalModules, mkOption, types } from "../../src/index.js";
import { renderJson } from "../../src/tools/render-json.js";

const doc = readFileSync(new URL("../../docs/merge-rules.md", import.meta.url), "utf8");
const blocks = [...doc.matchAll(/```js example\n([\s\S]*?)```/g)].map((m) => m[1]!);

const decl = (type: unknown) => ({ options: { x: mkOption({ type: type as never }) } });
const value = (...modules: object[]) => evalModules({ modules }).config.x;

type Check = { expr: string; expected: { json: unknown } | { throws: string }; line: string };

/** The block as statements, each `// =>` turning the statement before it into a check. */
function parse(block: string): { code: string; checks: Check[] } {
  const checks: Check[] = [];
  let code = "";
  let pending = "";
  for (const line of block.split("\n")) {
    const m = /^\/\/ => (.*)$/.exec(line.trim());
    if (!m) {
      pending += line + "\n";
      continue;
    }
    const expr = pending.trim().replace(/;$/, "");
    // The statement before the check: the last one in `pending` (declarations stay code).
    const t = /^throws "(.*)"$/.exec(m[1]!);
    const expected = t ? { throws: t[1]! } : { json: JSON.parse(m[1]!) };
    const idx = checks.length;
    checks.push({ expr, expected, line: line.trim() });
    const lastStmt = splitLast(expr);
    code += lastStmt.before + `__check(${idx}, () => (${lastStmt.stmt}));\n`;
    pending = "";
  }
  return { code: code + pending, checks };
}

/** Split code into what precedes its last statement (a `const` line, say) and that statement. */
function splitLast(code: string): { before: string; stmt: string } {
  const lines = code.split("\n");
  let i = lines.length - 1;
  // The last statement starts at the last line at column 0 that is not a closing bracket.
  while (i > 0 && (/^\s/.test(lines[i]!) || /^[)\]}]/.test(lines[i]!))) i--;
  return {
    before: lines.slice(0, i).join("\n") + "\n",
    stmt: lines.slice(i).join("\n").replace(/;\s*$/, ""),
  };
}

describe("docs/merge-rules.md examples", () => {
  test("has examples", () => {
    expect(blocks.length).toBeGreaterThan(8);
  });
  blocks.forEach((block, n) => {
    const { code, checks } = parse(block);
    test(`example ${n + 1}: ${checks.map((c) => c.line).join(" ; ")}`, () => {
      const results: { ok: boolean; value?: unknown; error?: string }[] = [];
      const __check = (i: number, f: () => unknown) => {
        try {
          results[i] = { ok: true, value: JSON.parse(renderJson(f())) };
        } catch (e) {
          results[i] = { ok: false, error: (e as Error).message };
        }
      };
      const names = Object.keys(nixmod).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
      const run = new Function("__check", "decl", "value", ...names, code);
      run(__check, decl, value, ...names.map((k) => (nixmod as Record<string, unknown>)[k]));
      checks.forEach((c, i) => {
        const r = results[i]!;
        if ("throws" in c.expected) {
          expect(r.ok, `${c.expr} should throw`).toBe(false);
          expect(r.error).toContain(c.expected.throws);
        } else {
          expect(r, c.expr).toEqual({ ok: true, value: c.expected.json });
        }
      });
    });
  });
  test("the helpers", () => {
    expect(value(decl(types.int), { config: { x: 1 } })).toBe(1);
  });
});
