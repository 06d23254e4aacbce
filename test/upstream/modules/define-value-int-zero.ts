import { fromFile } from "./part1-file.js";

export default fromFile("define-value-int-zero.nix", { value: 0 });
