import { fromFile } from "./part1-file.js";

export default fromFile("define-settingsDict-a-is-b.nix", ({ config }) => ({
  settingsDict: {
    get a() {
      return config.settingsDict.b;
    },
  },
}));
