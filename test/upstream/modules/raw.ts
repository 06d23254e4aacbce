// types.raw: one definition, taken as it is (properties at its top are still applied).
import { fromFile } from "./part1-file.js";
import { throwError } from "../../../src/lib/errors.js";

export default fromFile("raw.nix", ({ lib }) => ({
  options: {
    processedToplevel: lib.mkOption({ type: lib.types.raw }),
    unprocessedNesting: lib.mkOption({ type: lib.types.raw }),
    multiple: lib.mkOption({ type: lib.types.raw }),
    priorities: lib.mkOption({ type: lib.types.raw }),
  },
  config: {
    processedToplevel: lib.mkIf(true, 10),
    unprocessedNesting: {
      get foo() {
        return throwError("foo");
      },
    },
    multiple: lib.mkMerge(["foo", "foo"]),
    priorities: lib.mkMerge(["foo", lib.mkForce("bar")]),
  },
}));
