import { fromFile } from "./part1-file.js";

export default fromFile("define-value-string-bigint.nix", { value: "1000" });
