import { fromFile } from "./part1-file.js";

export default fromFile("define-value-string-arbitrary.nix", { value: "foobar" });
