// Two identical definitions of every kind of atom, and of a list. (Upstream's `./.` is a path
// literal; a path is a string starting with "/" here.)
import { fromFile } from "../../modules/part1-file.js";

const atoms = () => ({
  value: {
    int: 0,
    bool: false,
    string: "",
    path: "/upstream/lib/tests/modules/types-anything",
    null: null,
    float: 0.1,
    list: [1, "a", { x: null }],
  },
});

export default fromFile("types-anything/equal-atoms.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.anything }) },
  config: lib.mkMerge([atoms(), atoms()]),
}));
