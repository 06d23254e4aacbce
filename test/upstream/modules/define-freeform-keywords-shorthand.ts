// A shorthand module: `class` and `meta` are config attributes here, not module keywords.
import { fromFile } from "./part1-file.js";
import { nixEquals, removeAttrs } from "../../../src/lib/nix/attrsets.js";

export default fromFile("define-freeform-keywords-shorthand.nix", ({ config }) => ({
  class: { just: "data" },
  a: "one",
  b: "two",
  meta: "meta",
  _module: {
    args: {
      get result() {
        const r = removeAttrs(config, ["_module"]);
        return nixEquals(r, { a: "one", b: "two", class: { just: "data" }, meta: "meta" });
      },
    },
  },
}));
