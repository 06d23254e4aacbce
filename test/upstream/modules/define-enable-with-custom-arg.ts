// Reads the module argument `custom`, which only _module.args can provide. The argument
// is read when the value is needed, like Nix's lazy argument.
import { fromFile } from "./part1-file.js";

export default fromFile("define-enable-with-custom-arg.nix", (args) => ({
  config: {
    get enable() {
      return args.custom;
    },
  },
}));
