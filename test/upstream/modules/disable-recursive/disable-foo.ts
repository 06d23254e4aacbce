// disabledModules = [ ./foo.nix ]: the path, i.e. the module's key.
import { fromFile, nixPath } from "../part1-file.js";

export default fromFile("disable-recursive/disable-foo.nix", {
  disabledModules: [nixPath("disable-recursive/foo.nix")],
});
