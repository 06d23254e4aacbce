import { fromFile } from "../part1-file.js";
import declareEnable from "../declare-enable.js";

export default fromFile("disable-recursive/bar.nix", { imports: [declareEnable] });
