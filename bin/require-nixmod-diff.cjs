"use strict";
// What `require("nixmod/diff")` gives a module file the nixmod command loads: the module the
// command itself imported by that name, its own engine (see src/cli/module-setup.ts).
module.exports =
  globalThis[Symbol.for("nixmod: the modules of the running command's engine")].get("nixmod/diff");
