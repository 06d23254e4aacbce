import { fromFile } from "./part1-file.js";

export default fromFile("define-value-int-positive.nix", { value: 42 });
