import { fromFile } from "./part1-file.js";

export default fromFile("define-value-list.nix", { value: [] });
