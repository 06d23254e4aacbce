/** `warnings` and `assertions`: messages other modules leave for the system build. */
import { mkOption } from "../../lib/options.js";
import { types } from "../../types/index.js";

export const assertionsModule = {
  options: {
    warnings: mkOption({
      type: types.listOf(types.str),
      default: [],
      internal: true,
      description: "Warnings.",
    }),
    assertions: mkOption({
      type: types.listOf(types.unspecified),
      default: [],
      internal: true,
      description: "Assertions.",
    }),
  },
};

export default assertionsModule;
