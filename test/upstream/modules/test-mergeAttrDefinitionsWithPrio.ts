// mergeAttrDefinitionsWithPrio reports each attribute's highest priority without
// evaluating the definitions' values.
import { throwError } from "../../../src/lib/errors.js";
import { fromFile } from "./part1-file.js";

interface Pos {
  file: string;
  line: number;
  column: number;
}

const here = (line: number, column: number): Pos => ({
  file: "test-mergeAttrDefinitionsWithPrio.nix",
  line,
  column,
});

/** A thunk that must never be forced. */
function assertLazy(pos: Pos): never {
  return throwError(
    `${pos.file}:${pos.line}:${pos.column}: the lazy value was evaluated, which the test forbids (unexpected strictness)`,
  );
}

/** `prop (assertLazy pos)` with the content left unevaluated. */
function withLazyContent<P extends object>(prop: P, pos: Pos): P {
  const out = { ...prop } as Record<string, unknown>;
  delete out.content;
  Object.defineProperty(out, "content", { enumerable: true, get: () => assertLazy(pos) });
  return out as P;
}

export default fromFile("test-mergeAttrDefinitionsWithPrio.nix", ({ lib, options }) => {
  let defsMemo: Record<string, { highestPrio: number }> | undefined;
  const defs = () => (defsMemo ??= lib.modules.mergeAttrDefinitionsWithPrio(options._module.args));
  const check = (ok: boolean, what: string) => {
    if (!ok) throwError(`assertion '${what}' failed`);
  };
  return {
    options: { result: lib.mkOption({}) },
    config: {
      _module: {
        args: {
          default: withLazyContent(lib.mkDefault(null), here(8, 35)),
          regular: null,
          force: withLazyContent(lib.mkForce(null), here(10, 31)),
          get unused() {
            return assertLazy(here(11, 14));
          },
        },
      },
      get result() {
        check(
          defs().default.highestPrio === withLazyContent(lib.mkDefault(null), here(14, 50)).priority,
          "default",
        );
        check(defs().regular.highestPrio === lib.modules.defaultOverridePriority, "regular");
        check(
          defs().force.highestPrio === withLazyContent(lib.mkForce(null), here(16, 46)).priority,
          "force",
        );
        return true;
      },
    },
  };
});
