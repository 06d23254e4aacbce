import { abort } from "../../../src/lib/errors.js";
import { fromFile } from "./part1-file.js";

export default fromFile("define-enable-abort.nix", {
  config: {
    get enable(): boolean {
      return abort("oops");
    },
  },
});
