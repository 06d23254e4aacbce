// Disables two modules by paths relative to modulesPath.
import { fromFile } from "./part1-file.js";

export default fromFile("disable-enable-modules.nix", () => ({
  disabledModules: ["define-enable.nix", "declare-enable.nix"],
}));
