// A module that fails unless evaluated with class "nixos" (its `_class` argument).
import { fromFile } from "../modules/part1-file.js";
import { throwError } from "../../../src/lib/errors.js";

export default fromFile("assert-module-class-is-nixos.nix", ({ _class }: { _class: string | null }) => {
  if (_class !== "nixos") throwError("assertion '_class == \"nixos\"' failed");
  return {};
});
