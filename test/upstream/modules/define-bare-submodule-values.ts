import { fromFile } from "./part1-file.js";

export default fromFile("define-bare-submodule-values.nix", {
  "bare-submodule": { nested: 42, deep: 420 },
});
