// Module files as they were at a git revision: the files given, the files they name (as
// TypeScript resolves imports, and JSON/YAML imports), their package.json and tsconfig.json.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffGit, filesAtRevision } from "../../src/diff/index.js";
import { tempDir } from "../build/helpers.js";
import { lists, only } from "./helpers.js";

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
const write = (path: string, text: string) => {
  mkdirSync(join(repo, path, ".."), { recursive: true });
  writeFileSync(join(repo, path), text);
};

beforeAll(() => {
  repo = tempDir("git-revision");
  git("init", "-q");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "test");
  write("package.json", '{ "type": "module" }\n');
  write("hosts/tsconfig.json", "{}\n");
  write(
    "hosts/web.ts",
    'import lib from "./lib/index";\nimport h from "./hooks.js";\nexport default { imports: [lib, h] };\n',
  );
  write("hosts/lib/index.ts", 'export default { imports: [] };\nconst data = "../data/site.yaml";\n');
  write("hosts/hooks.ts", "export default {};\n");
  write("hosts/data/site.yaml", "imports:\n  - ./db.json\n");
  write("hosts/data/db.json", '{ "imports": ["deeper/x.json"] }\n');
  write("hosts/data/deeper/x.json", "{}\n");
  write("hosts/unrelated.ts", "export default {};\n");
  write(
    "web.json",
    JSON.stringify({ systemd: { services: { web: { wantedBy: ["multi-user.target"], script: "v1" } } } }),
  );
  git("add", "-A");
  git("commit", "-qm", "first");
  // Now: a file gone, one changed.
  rmSync(join(repo, "hosts/hooks.ts"));
  write(
    "web.json",
    JSON.stringify({ systemd: { services: { web: { wantedBy: ["multi-user.target"], script: "v2" } } } }),
  );
});

describe("filesAtRevision", () => {
  it("takes the files given and every file they name, with their package.json and tsconfig.json", () => {
    const at = filesAtRevision("HEAD", ["hosts/web.ts"], { cwd: repo });
    try {
      expect(at.files).toEqual([join(at.dir, "hosts", "web.ts")]);
      const has = (p: string) => existsSync(join(at.dir, p));
      for (const p of [
        "package.json",
        "hosts/tsconfig.json",
        "hosts/web.ts",
        "hosts/lib/index.ts",
        "hosts/hooks.ts", // gone now, there at HEAD
        "hosts/data/site.yaml",
        "hosts/data/db.json",
        "hosts/data/deeper/x.json",
      ]) {
        expect(has(p), p).toBe(true);
      }
      expect(has("hosts/unrelated.ts")).toBe(false);
      expect(at.count).toBe(8);
      expect(readFileSync(join(at.dir, "hosts/hooks.ts"), "utf8")).toBe("export default {};\n");
    } finally {
      at.remove();
    }
    expect(existsSync(at.dir)).toBe(false);
  });

  it("links the repository's node_modules, and takes absolute paths and paths from a folder of it", () => {
    mkdirSync(join(repo, "node_modules"), { recursive: true });
    const at = filesAtRevision("HEAD", [join(repo, "hosts", "web.ts")], {
      cwd: join(repo, "hosts"),
      importRoots: ["data"],
    });
    try {
      expect(lstatSync(join(at.dir, "node_modules")).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(at.dir, "node_modules"))).toBe(
        join(
          execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: repo, encoding: "utf8" }).trim(),
          "node_modules",
        ),
      );
      expect(at.files).toEqual([join(at.dir, "hosts", "web.ts")]);
      expect(at.importRoots).toEqual([join(at.dir, "hosts", "data")]);
    } finally {
      at.remove();
      rmSync(join(repo, "node_modules"), { recursive: true });
    }
  });

  it("a file outside the repository is refused", () => {
    expect(() => filesAtRevision("HEAD", ["/etc/hostname"], { cwd: repo })).toThrow(
      /^\/etc\/hostname is not in the git repository /,
    );
  });
});

describe("diffGit", () => {
  it("the plan from the files at REV to the files now", async () => {
    const d = await diffGit("HEAD", ["web.json"], { cwd: repo });
    expect(lists(d)).toEqual(only({ stop: ["web.service"], start: ["web.service"] }));
    expect(d.scripts.find((s) => s.role === "the start script (script)")?.diff).toMatch(/-v1\n\+v2\n/);
  });
});
