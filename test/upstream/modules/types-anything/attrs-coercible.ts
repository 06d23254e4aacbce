// An attribute set with outPath is a string-like value: anything does not recurse into it.
import { fromFile } from "../part1-file.js";
import { throwError } from "../../../../src/lib/errors.js";

export default fromFile("types-anything/attrs-coercible.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.anything }) },
  config: {
    value: {
      outPath: "foo",
      get err() {
        return throwError("err");
      },
    },
  },
}));
