// mkPackageOption as the lib of 2025-06 has it: names and default paths, examples, extra
// descriptions, nullable packages, another package set and its text, names to be quoted.
import { fromFile } from "../modules/part1-file.js";

const hello = { type: "derivation", pname: "hello" };
const pkgs = { hello };

export default fromFile("declare-mkPackageOption.nix", ({ lib }) => ({
  options: {
    package: lib.mkPackageOption(pkgs, "hello", {}),
    namedPackage: lib.mkPackageOption(pkgs, "Hello", { default: ["hello"] }),
    namedPackageSingletonDefault: lib.mkPackageOption(pkgs, "Hello", { default: "hello" }),
    pathPackage: lib.mkPackageOption(pkgs, ["hello"], {}),
    packageWithExample: lib.mkPackageOption(pkgs, "hello", {
      example: "pkgs.hello.override { stdenv = pkgs.clangStdenv; }",
    }),
    packageWithPathExample: lib.mkPackageOption(pkgs, "hello", { example: ["hello"] }),
    packageWithExtraDescription: lib.mkPackageOption(pkgs, "hello", {
      extraDescription: "Example extra description.",
    }),
    undefinedPackage: lib.mkPackageOption(pkgs, "hello", { default: null }),
    nullablePackage: lib.mkPackageOption(pkgs, "hello", { nullable: true, default: null }),
    nullablePackageWithDefault: lib.mkPackageOption(pkgs, "hello", { nullable: true }),
    packageWithPkgsText: lib.mkPackageOption(pkgs, "hello", { pkgsText: "myPkgs" }),
    packageFromOtherSet: lib.mkPackageOption({ hello: { ...hello, pname: "hello-other" } }, "hello", {}),
    packageInvalidIdentifier: lib.mkPackageOption({ "123": { 'with"quote': { hello } } }, [
      "123",
      'with"quote',
      "hello",
    ]),
    packageInvalidIdentifierExample: lib.mkPackageOption(pkgs, "hello", {
      example: ["123", 'with"quote', "hello"],
    }),
  },
}));
