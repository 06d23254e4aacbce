// An ad-hoc modified type (a // { merge = ...; }) survives when it is declared once.
import { fromFile } from "./part1-file.js";
import { update } from "../../../src/lib/nix/attrsets.js";

export default fromFile("adhoc-freeformType-survives-type-merge.nix", ({ lib }) => {
  const a = lib.types.attrsOf(lib.types.submodule({ options: { bar: lib.mkOption({}) } }));
  return {
    options: { dummy: lib.mkOption({ type: lib.types.anything, default: {} }) },
    // Modifying types like this breaks type merging; don't do it in practice.
    freeformType: update(a, {
      merge: (loc: string[], defs: unknown[]) => ({ freeformItems: a.merge(loc, defs) }),
    }),
    config: { foo: { bar: "ok" } },
  };
});
