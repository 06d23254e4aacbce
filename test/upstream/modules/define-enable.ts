import { fromFile } from "./part1-file.js";

export default fromFile("define-enable.nix", { enable: true });
