// Modules reading their evaluation's class (`_class`): evalModules { class } and submoduleWith { class }.
import { fromFile } from "../modules/part1-file.js";
import exposeModuleClass from "./expose-module-class.js";
import polymorphicModule from "./polymorphic-module.js";

export default fromFile("specialArgs-class.nix", ({ lib }) => {
  const sub = (cls: string, module: unknown) =>
    lib.mkOption({ type: lib.types.submoduleWith({ class: cls, modules: [module] }), default: {} });
  return {
    options: {
      sub: {
        nixos: sub("nixos", exposeModuleClass),
        conditionalImportAsNixos: sub("nixos", polymorphicModule),
        conditionalImportAsDarwin: sub("darwin", polymorphicModule),
      },
    },
    config: {
      _module: { freeformType: lib.types.anything },
      get nixos() {
        return lib.evalModules({ class: "nixos", modules: [exposeModuleClass] });
      },
      get conditionalImportAsNixos() {
        return lib.evalModules({ class: "nixos", modules: [polymorphicModule] });
      },
      get conditionalImportAsDarwin() {
        return lib.evalModules({ class: "darwin", modules: [polymorphicModule] });
      },
    },
  };
});
