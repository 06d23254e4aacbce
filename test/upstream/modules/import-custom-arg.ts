// Imports depending on a _module.args argument: an infinite recursion.
import defineEnableForce from "./define-enable-force.js";
import { fromFile } from "./part1-file.js";

export default fromFile("import-custom-arg.nix", (args) => ({
  imports: [...args.lib.optional(args.custom, defineEnableForce)],
}));
