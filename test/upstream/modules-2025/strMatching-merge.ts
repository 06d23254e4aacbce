// Two declarations of one option, both a string matching the same pattern.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("strMatching-merge.nix", ({ lib }) => ({
  imports: [
    { options: { sm: lib.mkOption({ type: lib.types.strMatching("\\(.*\\)") }) } },
    { options: { sm: lib.mkOption({ type: lib.types.strMatching("\\(.*\\)") }) } },
  ],
}));
