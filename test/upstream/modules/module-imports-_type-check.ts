import { fromFile } from "./part1-file.js";

export default fromFile("module-imports-_type-check.nix", { imports: [{ _type: "flake" }] });
