import { fromFile } from "./part1-file.js";

export default fromFile("define-value-int-negative.nix", { value: -23 });
