// Some modules adapt to whether another module declared an option (nested).
import { fromFile } from "./part1-file.js";

const hasSetEnable = (options: any): boolean => "set" in options && "enable" in options.set;

export default fromFile("define-option-dependently-nested.nix", ({ lib, options }) => ({
  config: {
    get set() {
      return {
        value: hasSetEnable(options) ? 360 : 7,
        ...lib.optionalAttrs(hasSetEnable(options), { enable: true }),
      };
    },
  },
}));
