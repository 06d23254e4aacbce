import { fromFile } from "./part1-file.js";

export default fromFile("module-class-is-nixos.nix", { _class: "nixos", config: {} });
