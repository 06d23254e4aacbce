import { fromFile } from "../part1-file.js";
import foo from "./foo.js";
import bar from "./bar.js";

export default fromFile("disable-recursive/main.nix", { imports: [foo, bar], enable: true });
