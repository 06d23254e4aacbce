/**
 * `attrsWithNames nameType attrsType`: an attribute set type (attrsOf, lazyAttrsOf) whose
 * attribute names must pass `nameType` too. Nix has no such type (attribute names are
 * never checked); nixmod uses it where a name ends up in a shell script or a unit file name
 * (see docs/security.md). Values merge exactly as with `attrsType`; a name that fails the
 * check is an error naming the option path with that name, the files that define it, and
 * the name.
 */
import { throwError } from "../lib/errors.js";
import type { Definition } from "../lib/module-types.js";
import { showDefs, showOption } from "../lib/options.js";
import { overrideType, type OptionType } from "./option-type.js";
import { typeArgument } from "./compound.js";

const hasOwn = (o: unknown, k: string): boolean =>
  typeof o === "object" && o !== null && Object.prototype.hasOwnProperty.call(o, k);

export function attrsWithNames<T>(
  nameType: OptionType<string>,
  attrsType: OptionType<Record<string, T>>,
): OptionType<Record<string, T>> {
  nameType = typeArgument(nameType, "attrsWithNames");
  attrsType = typeArgument(attrsType, "attrsWithNames");
  const checkNames = (loc: string[], defs: Definition[], value: Record<string, T>): void => {
    for (const name of Object.keys(value)) {
      if (nameType.check(name)) continue;
      const files = defs.filter((d) => hasOwn(d.value, name)).map((d) => ({ file: d.file, value: name }));
      throwError(
        `The name of option \`${showOption([...loc, name])}' is not of type \`${nameType.description}'. Definition values:${showDefs(files)}`,
      );
    }
  };
  return overrideType<Record<string, T>>(attrsType, {
    get description() {
      return `${attrsType.description}, each name a ${nameType.description}`;
    },
    merge: (loc, defs) => {
      const value = attrsType.merge(loc, defs);
      checkNames(loc, defs, value);
      return value;
    },
    substSubModules: (m) => {
      const t = attrsType.substSubModules(m) as OptionType<Record<string, T>> | null;
      return t === null ? null : attrsWithNames(nameType, t);
    },
    typeMerge: (f) => {
      const t = attrsType.typeMerge(f) as OptionType<Record<string, T>> | null;
      return t === null ? null : attrsWithNames(nameType, t);
    },
    get nestedTypes() {
      return { ...attrsType.nestedTypes, nameType };
    },
  });
}
