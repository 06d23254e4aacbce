// Some modules adapt to whether another module declared an option.
import { fromFile } from "./part1-file.js";

export default fromFile("define-option-dependently.nix", ({ lib, options }) => ({
  // `config` is a lazy attribute upstream: it reads `options`, so it is a getter.
  get config() {
    return {
      // always defined, but the value depends on the presence of an option
      value: "enable" in options ? 360 : 7,
      // only defined when possible
      ...lib.optionalAttrs("enable" in options, { enable: true }),
    };
  },
}));
