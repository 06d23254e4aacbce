// disabledModules = [ ./bar.nix ]: the path, i.e. the module's key.
import { fromFile, nixPath } from "../part1-file.js";

export default fromFile("disable-recursive/disable-bar.nix", {
  disabledModules: [nixPath("disable-recursive/bar.nix")],
});
