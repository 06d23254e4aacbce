import { throwError } from "../../../src/lib/errors.js";
import { fromFile } from "./part1-file.js";

export default fromFile("define-enable-throw.nix", {
  config: {
    get enable(): boolean {
      return throwError("oops");
    },
  },
});
