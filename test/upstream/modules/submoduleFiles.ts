// The files of a definition inside a submodule name the module that defined it.
import { fromFile } from "./part1-file.js";

export default fromFile("submoduleFiles.nix", ({ lib }) => ({
  options: {
    submodule: lib.mkOption({
      default: {},
      type: lib.types.submoduleWith({
        modules: [
          ({ options }: { options: any }) => ({
            options: {
              value: lib.mkOption({}),
              internalFiles: lib.mkOption({
                get default() {
                  return options.value.files;
                },
              }),
            },
          }),
        ],
      }),
    }),
  },
  imports: [{ _file: "the-file.nix", submodule: { value: 10 } }],
}));
