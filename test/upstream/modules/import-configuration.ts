// A configuration (evalModules' result) is not a module and can't be imported.
import { fromFile } from "./part1-file.js";

export default fromFile("import-configuration.nix", ({ lib }) => {
  const myconf = lib.evalModules({ modules: [{}] });
  return { imports: [myconf] };
});
