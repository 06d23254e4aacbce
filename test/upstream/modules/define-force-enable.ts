import { fromFile } from "./part1-file.js";

export default fromFile("define-force-enable.nix", ({ lib }) => lib.mkForce({ enable: false }));
