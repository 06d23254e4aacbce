/**
 * Rendering of systemd units and job scripts (the part of NixOS's systemd-lib the base uses):
 * pure functions of their arguments, without module-system dependencies.
 */
import type { Pkgs } from "../../pkgs.js";
import {
  attrNames,
  concatStrings,
  interpolate,
  mapAttrsToList,
  nixToString,
  optionalString,
  replaceStrings,
  stringToJSON,
} from "../../support.js";

type Attrs = Record<string, any>;

export const shellEscape = (s: string): string => replaceStrings(["\\"], ["\\\\"], s);

/** The unit types systemd knows (the suffixes of unit names). */
export const UNIT_TYPES = [
  "service",
  "mount",
  "swap",
  "socket",
  "target",
  "device",
  "automount",
  "timer",
  "path",
  "slice",
  "scope",
] as const;

/** isValidUnitName's rule in words, for messages and type descriptions. */
export const UNIT_NAME_RULE =
  "at most 255 characters: letters, digits and :_.\\-@ (not @ first), then a dot and a unit type (service, socket, target, timer, ...)";

/**
 * Would systemd load a unit of this name? Its rule (`unit_name_is_valid` in systemd's
 * src/basic/unit-name.c, any of a plain name, a template `a@.service` or an instance
 * `a@b.service`): shorter than 256 characters; a last dot, not first, followed by a unit type;
 * before it only letters, digits and the characters `:-_.\@`, the first not `@`.
 */
export function isValidUnitName(n: string): boolean {
  if (n === "" || n.length >= 256) return false;
  const e = n.lastIndexOf(".");
  if (e <= 0 || !(UNIT_TYPES as readonly string[]).includes(n.slice(e + 1))) return false;
  return n[0] !== "@" && /^[0-9a-zA-Z:_.\\@-]*$/.test(n.slice(0, e));
}

/** The path of a job script: `set -e` then `text`, named after the unit. */
export function makeJobScript(pkgs: Pkgs, name: string, text: string): string {
  const scriptName = replaceStrings(["\\", "@"], ["-", "_"], shellEscape(name));
  const out = pkgs
    .writeShellScriptBin(scriptName, `set -e\n${text}\n`)
    .overrideAttrs(() => ({ name: `unit-script-${scriptName}` }));
  return `${interpolate(out)}/bin/${scriptName}`;
}

/** A unit file value: booleans as systemd spells them, anything else by toString. */
export const toOption = (x: unknown): string =>
  x === true ? "true" : x === false ? "false" : nixToString(x);

/** `name=value` lines of a unit file section, a line per element of a list value, names sorted. */
export const attrsToSection = (as: Attrs): string =>
  concatStrings(
    mapAttrsToList(
      (name, value) => (Array.isArray(value) ? value : [value]).map((x) => `${name}=${toOption(x)}\n`),
      as,
    ).flat(),
  );

/** The text of the `.service` unit of a service, with the global environment. */
export function serviceUnitText(globalEnvironment: Attrs, def: Attrs): string {
  const env: Attrs = { ...globalEnvironment, ...def.environment };
  const envLines = concatStrings(
    attrNames(env).map((n) =>
      env[n] !== null ? `Environment=${stringToJSON(`${n}=${interpolate(env[n])}`)}\n` : "",
    ),
  );
  const changeLine = def.reloadIfChanged
    ? "X-ReloadIfChanged=true\n"
    : !def.restartIfChanged
      ? "X-RestartIfChanged=false\n"
      : "";
  return (
    `[Unit]\n${attrsToSection(def.unitConfig)}\n` +
    `[Service]\n${envLines}\n${changeLine}\n${optionalString(!def.stopIfChanged, "X-StopIfChanged=false")}\n` +
    `${attrsToSection(def.serviceConfig)}\n`
  );
}
