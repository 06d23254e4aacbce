// Module classes: evalModules { class } and submoduleWith { class } reject modules of another class.
import { fromFile } from "./part1-file.js";
import moduleClassIsNixos from "./module-class-is-nixos.js";
import moduleClassIsDarwin from "./module-class-is-darwin.js";

export default fromFile("class-check.nix", ({ lib }) => ({
  options: {
    sub: {
      nixosOk: lib.mkOption({ type: lib.types.submoduleWith({ class: "nixos", modules: [] }) }),
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
      return lib.evalModules({ class: "nixos", modules: [moduleClassIsNixos] });
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
