// A submodule's module gets the path of its evaluation as `_prefix`.
import { fromFile } from "../modules/part1-file.js";
import { throwError } from "../../../src/lib/errors.js";

export default fromFile("prefix-module-argument.nix", ({ lib }) => ({
  options: { foo: lib.mkOption({ type: lib.types.submodule({}), default: {} }) },
  config: {
    foo: ({ _prefix }: { _prefix: string[] }) => {
      if (JSON.stringify(_prefix) !== JSON.stringify(["foo"]))
        throwError("assertion '_prefix == [ \"foo\" ]' failed");
      return { options: { ok: lib.mkOption({}) }, config: { ok: true } };
    },
  },
}));
