// Error texts of the engine, as Nix words them. Every expected text below was printed by
// real Nix (nix-instantiate --eval --strict with the nixpkgs lib of 2023-07) for the same modules.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  AbortError,
  addErrorContext,
  errorContexts,
  EvalError,
  InfiniteRecursionError,
  renderError,
  renderException,
  renderHints,
} from "../../src/lib/errors.js";
import { evalModules } from "../../src/lib/evaluation.js";
import { mkOption } from "../../src/lib/options.js";
import { types as T } from "../../src/types/index.js";
import { errorAt } from "./helpers.js";

const nixError = (...lines: string[]): string => "error: " + lines.join("\n");

describe("does not exist", () => {
  it("names the first undeclared definition with its file and value, and hints at `options' when none is declared", () => {
    expect(
      errorAt(
        [
          { _file: "a.nix", x: 1 },
          { _file: "b.nix", x: { y: [1, "s"] } },
        ],
        "x",
      ),
    ).toBe(
      nixError(
        "The option `x' does not exist. Definition values:",
        "       - In `b.nix':",
        "           {",
        "             y = [",
        "               1",
        '               "s"',
        "             ];",
        "           ...",
        "",
        "       It seems as if you're trying to declare an option by placing it into `config' rather than `options'!",
      ),
    );
  });

  it("gives no hint when some option is declared", () => {
    expect(errorAt([{ options: { y: mkOption({}) } }, { _file: "a.nix", a: { b: { c: "v" } } }], "y")).toBe(
      nixError(
        "The option `a' does not exist. Definition values:",
        "       - In `a.nix':",
        "           {",
        "             b = {",
        '               c = "v";',
        "             };",
        "           }",
      ),
    );
  });

  it("inside a submodule, names the full path", () => {
    const s = T.attrsOf(T.submodule({ options: { p: mkOption({ type: T.port, default: 1 }) } }));
    expect(
      errorAt([{ options: { s: mkOption({ type: s }) } }, { _file: "a.nix", s: { web: { q: 1 } } }], "s.web"),
    ).toBe(nixError("The option `s.web.q' does not exist. Definition values:", "       - In `a.nix': 1"));
  });
});

// Not Nix's: what nixmod knows beyond Nix's message is kept apart from it (`hints`), for the
// command to print after it; the message stays Nix's word for word.
describe("does not exist: the closest declared option, as a hint", () => {
  const caught = (modules: object[], attr: string): EvalError => {
    try {
      let v: any = evalModules({ modules }).config;
      for (const p of attr.split(".")) v = v[p];
    } catch (e) {
      if (e instanceof EvalError) return e;
      throw e;
    }
    throw new Error("expected an error");
  };
  const app = { options: { app: { replicas: mkOption({ type: T.int }), port: mkOption({ type: T.port }) } } };

  it("names the declared option closest to the misspelt name, apart from the message", () => {
    const e = caught([app, { _file: "a.nix", app: { replica: 3 } }], "app");
    expect(renderError(e, false)).toBe(
      nixError("The option `app.replica' does not exist. Definition values:", "       - In `a.nix': 3"),
    );
    expect(e.hints).toEqual(["Did you mean `app.replicas'?"]);
    expect(renderHints(e)).toBe("       Did you mean `app.replicas'?");
  });

  it("at the first name that is not declared, inside a submodule too", () => {
    const s = T.attrsOf(T.submodule({ options: { image: mkOption({ type: T.str }) } }));
    const e = caught(
      [{ options: { s: mkOption({ type: s }) } }, { _file: "a.nix", s: { web: { imag: "x" } } }],
      "s.web",
    );
    expect(e.hints).toEqual(["Did you mean `s.web.image'?"]);
    expect(caught([app, { _file: "a.nix", ap: { replicas: 3 } }], "app").hints).toEqual([
      "Did you mean `app'?",
    ]);
  });

  it("has none when no name is close", () => {
    const e = caught([app, { _file: "a.nix", app: { something: 3 } }], "app");
    expect(e.hints).toEqual([]);
    expect(renderHints(e)).toBe("");
  });
});

// Not Nix's: a module given inline to evalModules (not from a file, without a `_file`) is
// `<unknown-file>' to Nix; here, the file of the code that called evalModules, as Nix names
// the file an anonymous module is written in.
describe("a module given inline, without a _file", () => {
  const clash = [{ options: { x: mkOption({ type: T.str }) } }, { x: "a" }, { _file: "b.nix", x: "b" }];

  it("is named by the file that called evalModules", () => {
    expect(() => evalModules({ modules: clash }).config.x).toThrow(
      'The option `x\' has conflicting definition values:\n- In `b.nix\': "b"\n- In `test/engine/errors.test.ts\': "a"',
    );
  });

  it("and by that file in lib.evalModules called by a module's code, and by extendModules", () => {
    const ev = evalModules({ modules: [{ options: { x: mkOption({ type: T.str }) } }] });
    expect(() => ev.extendModules({ modules: [{ x: "a" }, { _file: "b.nix", x: "b" }] }).config.x).toThrow(
      '- In `test/engine/errors.test.ts\': "a"',
    );
  });

  it("is <unknown-file>, as in Nix, when no file of the user's called evalModules", () => {
    // (Code given to `node -e` has no file.)
    const engine = new URL("../../src/index.ts", import.meta.url).href;
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { evalModules, mkOption, types } from ${JSON.stringify(engine)};
try { evalModules({ modules: [{ options: { x: mkOption({ type: types.str }) } }, { x: "a" }, { x: "b" }] }).config.x; }
catch (e) { process.stdout.write(e.message); }`,
      ],
      { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) },
    );
    expect(r.stdout).toBe(
      'The option `x\' has conflicting definition values:\n- In `<unknown-file>\': "b"\n- In `<unknown-file>\': "a"\nUse `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.\n',
    );
  });
});

describe("used but not defined", () => {
  it("at the top level", () => {
    expect(errorAt([{ options: { x: mkOption({ type: T.int }) } }], "x")).toBe(
      nixError("The option `x' was accessed but has no value defined. Try setting the option."),
    );
  });

  it("inside a submodule", () => {
    const s = T.attrsOf(T.submodule({ options: { p: mkOption({ type: T.port }) } }));
    expect(
      errorAt([{ options: { s: mkOption({ type: s }) } }, { _file: "a.nix", s: { web: {} } }], "s.web.p"),
    ).toBe(nixError("The option `s.web.p' was accessed but has no value defined. Try setting the option."));
  });
});

// An error may be made with functions making its message and contexts, called when shown:
// one caught and dropped (as a harness asking whether an option has a value does) then
// costs no message.
describe("messages and contexts made when shown", () => {
  it("make the message once, when first read, and show it as Error's would", () => {
    let made = 0;
    const e = new EvalError(() => {
      made++;
      return "lazily";
    });
    expect(made).toBe(0);
    expect([e.message, e.message, String(e), e.stack!.split("\n")[0]]).toEqual([
      "lazily",
      "lazily",
      "EvalError: lazily",
      "EvalError: lazily",
    ]);
    expect(made).toBe(1);
    e.message = "changed";
    expect([e.message, new EvalError("plain").message]).toEqual(["changed", "plain"]);
    expect([e.name, new InfiniteRecursionError([]).name, new AbortError("x").name]).toEqual([
      "EvalError",
      "InfiniteRecursionError",
      "AbortError",
    ]);
  });

  it("make contexts only when the contexts are shown, innermost first", () => {
    const shown: string[] = [];
    const ctx = (c: string) => () => (shown.push(c), c);
    let caught: unknown;
    try {
      addErrorContext(ctx("outer"), () =>
        addErrorContext(ctx("inner"), () => {
          throw new EvalError("boom");
        }),
      );
    } catch (e) {
      caught = e;
    }
    expect(shown).toEqual([]);
    expect(renderError(caught)).toBe("… outer\n… inner\nerror: boom");
    expect((caught as EvalError).contexts).toEqual(["inner", "outer"]);
    expect(shown).toEqual(["inner", "outer"]);
  });

  it("are what an option used but not defined reports, read or not", () => {
    const { config, options } = evalModules({ modules: [{ options: { x: mkOption({ type: T.int }) } }] });
    let caught: unknown;
    try {
      void config.x;
    } catch (e) {
      caught = e;
    }
    expect((caught as EvalError).message).toBe(
      "The option `x' was accessed but has no value defined. Try setting the option.",
    );
    expect((options as { x: { isDefined: boolean } }).x.isDefined).toBe(false);
  });
});

describe("conflicting definition values", () => {
  const advice =
    "       Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.";

  it("str: last module first", () => {
    const mods = [
      { options: { x: mkOption({ type: T.str }) } },
      { _file: "a.nix", x: "a" },
      { _file: "b.nix", x: "b" },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "The option `x' has conflicting definition values:",
        '       - In `b.nix\': "b"',
        '       - In `a.nix\': "a"',
        advice,
      ),
    );
  });

  it("bool", () => {
    const mods = [
      { options: { x: mkOption({ type: T.bool }) } },
      { _file: "a.nix", x: true },
      { _file: "b.nix", x: false },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "The option `x' has conflicting definition values:",
        "       - In `b.nix': false",
        "       - In `a.nix': true",
        advice,
      ),
    );
  });

  it("unspecified values that cannot be merged", () => {
    const mods = [
      { options: { x: mkOption({ type: T.unspecified }) } },
      { _file: "a.nix", x: { a: 1, b: [null, true, 1.5], c: 'q"\n' } },
      { _file: "b.nix", x: 3 },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "Cannot merge definitions of `x'. Definition values:",
        "       - In `b.nix': 3",
        "       - In `a.nix':",
        "           {",
        "             a = 1;",
        "             b = [",
        "               null",
        "               true",
        "           ...",
      ),
    );
  });
});

describe("is not of type", () => {
  it("a list element names its position", () => {
    const mods = [{ options: { x: mkOption({ type: T.listOf(T.int) }) } }, { _file: "a.nix", x: [1, "s"] }];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "A definition for option `x.\"[definition 1-entry 2]\"' is not of type `signed integer'. Definition values:",
        '       - In `a.nix\': "s"',
      ),
    );
  });

  it("an attribute names its path", () => {
    const mods = [
      { options: { x: mkOption({ type: T.attrsOf(T.int) }) } },
      { _file: "a.nix", x: { a: "s" } },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "A definition for option `x.a' is not of type `signed integer'. Definition values:",
        '       - In `a.nix\': "s"',
      ),
    );
  });

  it("a list option given a float", () => {
    const mods = [{ options: { x: mkOption({ type: T.listOf(T.int) }) } }, { _file: "a.nix", x: 1.5 }];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "A definition for option `x' is not of type `list of signed integer'. Definition values:",
        "       - In `a.nix': 1.5",
      ),
    );
  });

  it("a port inside a submodule", () => {
    const s = T.attrsOf(T.submodule({ options: { p: mkOption({ type: T.port }) } }));
    expect(
      errorAt(
        [{ options: { s: mkOption({ type: s }) } }, { _file: "a.nix", s: { web: { p: 70000 } } }],
        "s.web.p",
      ),
    ).toBe(
      nixError(
        "A definition for option `s.web.p' is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'. Definition values:",
        "       - In `a.nix': 70000",
      ),
    );
  });

  it("an enum", () => {
    const mods = [
      { options: { x: mkOption({ type: T.enum(["podman", "docker"]) }) } },
      { _file: "a.nix", x: "lxc" },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        'A definition for option `x\' is not of type `one of "podman", "docker"\'. Definition values:',
        '       - In `a.nix\': "lxc"',
      ),
    );
  });

  it("lists every definition that fails", () => {
    const mods = [
      { options: { x: mkOption({ type: T.nullOr(T.str) }) } },
      { _file: "a.nix", x: 1.5 },
      { _file: "b.nix", x: true },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "A definition for option `x' is not of type `null or string'. Definition values:",
        "       - In `b.nix': true",
        "       - In `a.nix': 1.5",
      ),
    );
  });
});

describe("read-only", () => {
  it("set twice", () => {
    const mods = [
      { options: { x: mkOption({ type: T.int, readOnly: true }) } },
      { _file: "a.nix", x: 1 },
      { _file: "b.nix", x: 2 },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "The option `x' is read-only, but it's set multiple times. Definition values:",
        "       - In `b.nix': 2",
        "       - In `a.nix': 1",
      ),
    );
  });

  // (Nix's `<unknown-file>' for a module given inline: here the file that called evalModules,
  // test/engine/helpers.ts, as Nix names the file an anonymous module is written in.)
  it("a default counts as a definition (from the file of a module without a _file)", () => {
    const mods = [
      { options: { x: mkOption({ type: T.str, readOnly: true, default: "d" }) } },
      { _file: "a.nix", x: "v" },
    ];
    expect(errorAt(mods, "x")).toBe(
      nixError(
        "The option `x' is read-only, but it's set multiple times. Definition values:",
        '       - In `test/engine/helpers.ts\': "d"',
        '       - In `a.nix\': "v"',
      ),
    );
  });

  it("set once is fine", () => {
    const mods = [{ options: { x: mkOption({ type: T.int, readOnly: true }) } }, { _file: "a.nix", x: 1 }];
    expect(() => errorAt(mods, "x")).toThrow(/expected evaluating x to fail/);
  });
});

// Not Nix's: a JavaScript exception (not an EvalError) has no counterpart there. It keeps the
// contexts it passed through beside it, so that it can be reported with the option and file.
describe("a JavaScript exception thrown by a module's code", () => {
  const throwing = {
    _file: "bad.ts",
    config: {
      get x(): number {
        const o: any = undefined;
        return o.y;
      },
    },
  };
  const caught = (): unknown => {
    try {
      return evalModules({ modules: [{ options: { x: mkOption({ type: T.int }) } }, throwing] }).config.x;
    } catch (e) {
      return e;
    }
  };

  it("reaches the caller as itself, with the option and file it came through", () => {
    const e = caught();
    expect(e).toBeInstanceOf(TypeError);
    expect(errorContexts(e)).toEqual([
      "while evaluating definitions from `bad.ts':",
      "while evaluating the option `x':",
    ]);
    // Thrown by the module's code (here, this file's): where, and what was read of what.
    const lines = renderException(e).split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "… while evaluating the option `x':",
      "… while evaluating definitions from `bad.ts':",
      "error: cannot read `y' of `o', which is undefined",
      "",
      expect.stringMatching(/^ {7}at test\/engine\/errors\.test\.ts:\d+:\d+:$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^ {7} +\d+\| +return o\.y;$/));
    expect(lines.at(-1)).toBe(
      "       (TypeError: Cannot read properties of undefined (reading 'y'), thrown by the module's code)",
    );
  });

  it("is nixmod's own (an internal error) only when no user code is on its stack", () => {
    const e = new TypeError("oops");
    e.stack = `TypeError: oops\n    at f (${fileURLToPath(new URL("../../src/lib/merge.ts", import.meta.url))}:10:5)`;
    expect(renderException(e)).toBe("error: internal error: TypeError: oops");
  });

  it("an exception thrown outside any evaluation has no contexts", () => {
    expect(errorContexts(new Error("plain"))).toEqual([]);
    expect(renderException("a string")).toBe("error: internal error: a thrown value: a string");
  });
});
