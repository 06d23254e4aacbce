// mkPackageOption with a default, with `default = null` (no default) and nullable.
import { fromFile } from "./part1-file.js";

const pkgs = { hello: { type: "derivation", pname: "hello" } };

export default fromFile("declare-mkPackageOption.nix", ({ lib }) => ({
  options: {
    package: lib.mkPackageOption(pkgs, "hello", {}),
    undefinedPackage: lib.mkPackageOption(pkgs, "hello", { default: null }),
    nullablePackage: lib.mkPackageOption(pkgs, "hello", { nullable: true, default: null }),
  },
}));
