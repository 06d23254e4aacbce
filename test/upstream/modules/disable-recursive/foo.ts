import { fromFile } from "../part1-file.js";
import declareEnable from "../declare-enable.js";

export default fromFile("disable-recursive/foo.nix", { imports: [declareEnable] });
