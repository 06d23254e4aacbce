import { fromFile } from "./part1-file.js";

export default fromFile("freeform-attrsOf.nix", ({ lib }) => ({
  freeformType: lib.types.attrsOf(lib.types.either(lib.types.str, lib.types.attrsOf(lib.types.str))),
}));
