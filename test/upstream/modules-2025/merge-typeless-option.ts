// An option without a type, and an option declared below it.
import { fromFile } from "../modules/part1-file.js";
import type { ModuleArgs } from "../../../src/lib/module-types.js";

const typeless = ({ lib }: ModuleArgs) => ({ options: { group: lib.mkOption({}) } });
const childOfTypeless = ({ lib }: ModuleArgs) => ({
  options: { group: { enable: lib.mkEnableOption("nothing") } },
});

export default fromFile("merge-typeless-option.nix", {
  imports: [typeless, childOfTypeless],
  config: { group: { enable: false } },
});
