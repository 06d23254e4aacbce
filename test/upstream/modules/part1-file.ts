// Where the ported modules "live": upstream loads them from files, so their `_file` and
// `key` are the file's path. A module that was a function of its arguments upstream is
// wrapped here in an object carrying that location, like `import ./name.nix` would do.
import type { Module } from "../../../src/lib/module-types.js";
import { modulesPath } from "../harness.js";

/** The path upstream's file has (`./name.nix` under modulesPath). */
export function nixPath(name: string): string {
  return `${modulesPath}/${name}`;
}

/** A module as loaded from the file `name`: located and keyed by its path. */
export function fromFile(name: string, module: Module): Module {
  return { _file: nixPath(name), key: nixPath(name), imports: [module] };
}
