// Unit files read and compared as switch-to-configuration reads and compares them.
import { describe, expect, it } from "vitest";
import { compareUnits, parseUnit, unitBool } from "../../src/diff/index.js";

const parsed = (text: string) =>
  Object.fromEntries([...parseUnit(text)].map(([s, keys]) => [s, Object.fromEntries(keys)]));

describe("parseUnit", () => {
  it("sections, keys and their values; [Install] and lines before a section left out", () => {
    const text =
      "Stray=1\n[Unit]\nAfter=a.service b.service\n# a comment\n; another\n[Service]\n  ExecStartPre = /bin/a  \nExecStartPre=/bin/b\n" +
      "Environment=\"PATH=/bin\"\nEnvironment='X=1'\n[Install]\nWantedBy=multi-user.target\n[Unit]\nDescription=again\n";
    expect(parsed(text)).toEqual({
      Unit: { After: ["a.service b.service"], Description: ["again"] },
      Service: { ExecStartPre: ["/bin/a", "/bin/b"], Environment: ["PATH=/bin", "X=1"] },
    });
  });

  it("an empty value empties the key's list", () => {
    expect(parsed("[Service]\nExecStart=/a\nExecStart=\nExecStart=/b\n")).toEqual({
      Service: { ExecStart: ["/b"] },
    });
    expect(parsed("[Service]\nExecStart=/a\nExecStart=\n")).toEqual({ Service: { ExecStart: [] } });
  });

  it("booleans as systemd spells them, the last value deciding; the default when unset", () => {
    const info = parseUnit("[Service]\nA=yes\nB=on\nC=1\nD=true\nE=false\nF=true\nF=no\n");
    expect(["A", "B", "C", "D", "E", "F"].map((k) => unitBool(info, "Service", k, false))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(unitBool(info, "Service", "G", true)).toBe(true);
    expect(unitBool(info, "Unit", "G", false)).toBe(false);
  });
});

describe("compareUnits", () => {
  const cmp = (a: string, b: string) => compareUnits(parseUnit(a), parseUnit(b));

  it("equal when parsed equal", () => {
    expect(cmp("[Unit]\nA=1\n[Service]\nB=2\n", "[Service]\nB = 2\n\n[Unit]\nA=1")).toEqual({
      kind: "equal",
    });
  });

  it("the order of one key's values counts", () => {
    expect(
      cmp("[Service]\nExecStartPre=/a\nExecStartPre=/b\n", "[Service]\nExecStartPre=/b\nExecStartPre=/a\n"),
    ).toEqual({
      kind: "restart",
      key: "[Service] ExecStartPre",
    });
  });

  it("ignored [Unit] keys: added, removed or changed, no difference", () => {
    const a = "[Unit]\nDescription=a\nDocumentation=x\n[Service]\nB=2\n";
    const b = "[Unit]\nOnFailure=f.service\nRefuseManualStart=true\nStopWhenUnneeded=yes\n[Service]\nB=2\n";
    expect(cmp(a, b)).toEqual({ kind: "equal" });
    // A [Unit] section gone, or new, with ignored keys only.
    expect(cmp(a, "[Service]\nB=2\n")).toEqual({ kind: "equal" });
    expect(cmp("[Service]\nB=2\n", a)).toEqual({ kind: "equal" });
  });

  it("X-Reload-Triggers: set or changed, a reload; removed, nothing", () => {
    const base = "[Service]\nB=2\n";
    expect(cmp(`[Unit]\nX-Reload-Triggers=/a\n${base}`, `[Unit]\nX-Reload-Triggers=/b\n${base}`)).toEqual({
      kind: "reload",
      keys: ["[Unit] X-Reload-Triggers"],
    });
    expect(cmp(`[Unit]\nA=1\n${base}`, `[Unit]\nA=1\nX-Reload-Triggers=/b\n${base}`).kind).toBe("reload");
    expect(cmp(base, `[Unit]\nX-Reload-Triggers=/b\n${base}`).kind).toBe("reload");
    expect(cmp(`[Unit]\nX-Reload-Triggers=/a\n${base}`, `[Unit]\n${base}`)).toEqual({ kind: "equal" });
    // A restart wins over a reload.
    expect(
      cmp(`[Unit]\nX-Reload-Triggers=/a\n${base}`, `[Unit]\nX-Reload-Triggers=/b\n[Service]\nB=3\n`),
    ).toEqual({
      kind: "restart",
      key: "[Service] B",
    });
  });

  it("[Mount] Options changed: a reload; added or removed: a restart", () => {
    const m = (o: string) => `[Mount]\nWhat=/dev/a\n${o}`;
    expect(cmp(m("Options=rw\n"), m("Options=ro\n"))).toEqual({ kind: "reload", keys: ["[Mount] Options"] });
    expect(cmp(m(""), m("Options=ro\n")).kind).toBe("restart");
    expect(cmp(m("Options=ro\n"), m("")).kind).toBe("restart");
  });

  it("any other difference, a section added or removed (even empty), needs a restart", () => {
    expect(cmp("[Service]\nA=1\n", "[Service]\nA=1\n[Path]\n")).toEqual({ kind: "restart", key: "[Path]" });
    expect(cmp("[Service]\nA=1\n[X-Extra]\n", "[Service]\nA=1\n")).toEqual({
      kind: "restart",
      key: "[X-Extra]",
    });
    expect(cmp("[Unit]\nAfter=a\n", "[Unit]\n")).toEqual({ kind: "restart", key: "[Unit] After" });
    expect(cmp("[Unit]\nAfter=a\n", "[Service]\nA=1\n").kind).toBe("restart");
  });
});
