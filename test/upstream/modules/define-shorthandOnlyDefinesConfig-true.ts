import { fromFile } from "./part1-file.js";

export default fromFile("define-shorthandOnlyDefinesConfig-true.nix", { shorthandOnlyDefinesConfig: true });
