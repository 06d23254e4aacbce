import { fromFile } from "./part1-file.js";

export default fromFile("freeform-lazyAttrsOf.nix", ({ lib }) => ({
  freeformType: lib.types.lazyAttrsOf(lib.types.either(lib.types.str, lib.types.lazyAttrsOf(lib.types.str))),
}));
