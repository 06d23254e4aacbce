import { fromFile } from "./part1-file.js";

export default fromFile("define-enable-force.nix", ({ lib }) => ({ enable: lib.mkForce(false) }));
