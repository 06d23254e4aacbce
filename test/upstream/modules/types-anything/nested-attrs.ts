import { fromFile } from "../part1-file.js";

export default fromFile("types-anything/nested-attrs.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.anything }) },
  config: lib.mkMerge([
    { value: { foo: null } },
    { value: { l1: { foo: null } } },
    { value: { l1: { l2: { foo: null } } } },
    { value: { l1: { l2: { l3: { foo: null } } } } },
  ]),
}));
