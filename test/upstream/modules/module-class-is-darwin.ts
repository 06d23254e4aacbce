import { fromFile } from "./part1-file.js";

export default fromFile("module-class-is-darwin.nix", { _class: "darwin", config: {} });
