// Two identical definitions of every kind of atom. Upstream's `/.` is a path
// literal; a path is a string starting with "/" here.
import { fromFile } from "../part1-file.js";

const atoms = () => ({
  value: { int: 0, bool: false, string: "", path: "/", null: null, float: 0.1 },
});

export default fromFile("types-anything/equal-atoms.nix", ({ lib }) => ({
  options: { value: lib.mkOption({ type: lib.types.anything }) },
  config: lib.mkMerge([atoms(), atoms()]),
}));
