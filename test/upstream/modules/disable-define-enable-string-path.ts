// Disables define-enable.nix by its path as a string.
import { fromFile, nixPath } from "./part1-file.js";

export default fromFile("disable-define-enable-string-path.nix", () => ({
  disabledModules: [String(nixPath("define-enable.nix"))],
}));
