// An mkIf imported as a module (this might occur more realistically in a submodule).
import { fromFile } from "./part1-file.js";

export default fromFile("define-enable-with-top-level-mkIf.nix", ({ lib }) => ({
  imports: [lib.mkIf(true, { enable: true })],
}));
