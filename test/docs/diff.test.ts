// docs/diff.md: its worked example is what the command prints, and its JSON tables name the
// schema's keys, every one.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { HostDiffJson, UnitReportJson } from "../../src/diff/diff-json.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const page = readFileSync(join(root, "docs", "diff.md"), "utf8");

it("the worked example: the command the page shows prints what the page shows, before the diffs", () => {
  const command = /```sh\n(npx nixmod diff [^\n]*)\n```/.exec(page)?.[1];
  expect(command).toBe("npx nixmod diff --old-revision 2023-07 examples/host-2023-07.ts examples/host.ts");
  const shown = /```text\n([\s\S]*?)```/.exec(page)?.[1];
  const args = command!.split(" ").slice(2);
  const r = spawnSync(process.execPath, [join(root, "bin", "nixmod.js"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  expect(r.status).toBe(1);
  expect(r.stdout.slice(0, r.stdout.indexOf("\nUnit files:\n")).trimEnd() + "\n").toBe(shown);
});

it("the JSON tables name every key of the schema, in its order", () => {
  const keysOfTable = (heading: string): string[] => {
    const table = page.slice(page.indexOf(heading)).split("\n\n")[1]!;
    return table
      .split("\n")
      .slice(2)
      .flatMap((row) => Array.from(row.split("|")[1]!.matchAll(/`(\w+)`/g), (m) => m[1]!));
  };
  expect(keysOfTable("prints one object")).toEqual(Object.keys(HostDiffJson.type.props));
  expect(keysOfTable("A unit:")).toEqual(Object.keys(UnitReportJson.type.props));
});
