// Module classes, as the 2025-06 suite checks them: the submodule of class "nixos" also
// asserts that its modules get `_class = "nixos"`.
import { fromFile } from "../modules/part1-file.js";
import moduleClassIsNixos from "../modules/module-class-is-nixos.js";
import moduleClassIsDarwin from "../modules/module-class-is-darwin.js";
import assertModuleClassIsNixos from "./assert-module-class-is-nixos.js";

export default fromFile("class-check.nix", ({ lib }) => ({
  options: {
    sub: {
      nixosOk: lib.mkOption({
        type: lib.types.submoduleWith({ class: "nixos", modules: [assertModuleClassIsNixos] }),
      }),
      // the same, but it gets a bad definition
      nixosFail: lib.mkOption({ type: lib.types.submoduleWith({ class: "nixos", modules: [] }) }),
      mergeFail: lib.mkOption({
        type: lib.types.submoduleWith({ class: "nixos", modules: [] }),
        default: {},
      }),
    },
  },
  imports: [
    {
      options: {
        sub: {
          mergeFail: lib.mkOption({ type: lib.types.submoduleWith({ class: "darwin", modules: [] }) }),
        },
      },
    },
  ],
  config: {
    _module: { freeformType: lib.types.anything },
    get ok() {
      return lib.evalModules({ class: "nixos", modules: [moduleClassIsNixos, assertModuleClassIsNixos] });
    },
    get fail() {
      return lib.evalModules({ class: "nixos", modules: [moduleClassIsNixos, moduleClassIsDarwin] });
    },
    get "fail-anon"() {
      return lib.evalModules({
        class: "nixos",
        modules: [
          moduleClassIsNixos,
          { _file: "foo.nix#darwinModules.default", _class: "darwin", config: {}, imports: [] },
        ],
      });
    },
    sub: {
      nixosOk: { _class: "nixos" },
      nixosFail: { imports: [moduleClassIsDarwin] },
    },
  },
}));
