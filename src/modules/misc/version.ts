/** `system.stateVersion`: the release whose stateful defaults the system keeps. */
import { mkOption } from "../../lib/options.js";
import { types } from "../../types/index.js";

export const versionModule = {
  options: {
    system: {
      stateVersion: mkOption({
        type: types.str,
        default: "23.11",
        description: "The NixOS release whose stateful defaults this system keeps.",
      }),
    },
  },
};

export default versionModule;
