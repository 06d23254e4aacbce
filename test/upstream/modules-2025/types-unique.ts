// `unique` with a message, inside a lazy attribute set: one definition of each attribute set
// (or one that overrides the others), checked by the element type.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("types-unique.nix", ({ lib }) => {
  const { mkOption, types } = lib;
  return {
    options: {
      examples: mkOption({
        type: types.lazyAttrsOf(
          types.unique(
            {
              message:
                "We require a single definition, because seeing the whole value at once helps us maintain critical invariants of our system.",
            },
            types.attrsOf(types.str),
          ),
        ),
      }),
    },
    imports: [{ examples: { merged: { b: "bee" } } }, { examples: { override: lib.mkForce({ b: "bee" }) } }],
    config: {
      examples: { merged: { a: "aye" }, override: { a: "aye" }, badLazyType: { a: true } },
    },
  };
});
