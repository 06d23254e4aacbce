/**
 * systemd services and units: the part of NixOS's systemd modules that the oci-containers
 * module relies on (the `systemd.services.<name>` submodule, its job scripts, and the unit
 * text rendered from it), with the semantics of the reference base (nixos-base.nix).
 */
import type { Definition, ModuleArgs } from "../../../lib/module-types.js";
import { mergeEqualOption, mkOption, showDefs, showOption } from "../../../lib/options.js";
import { filterOverrides, mkAfter, mkIf, mkMerge } from "../../../lib/properties.js";
import { throwError } from "../../../lib/errors.js";
import { cellOf } from "../../../lib/cells.js";
import { force, Lazy } from "../../../lib/lazy.js";
import { mkOptionType, pathFreeMerge } from "../../../types/option-type.js";
import { types } from "../../../types/index.js";
import type { Pkgs } from "../../pkgs.js";
import { isValidUnitName, makeJobScript, serviceUnitText, UNIT_NAME_RULE } from "./systemd-lib.js";
import { attrsWithNames } from "../../../types/named.js";
import {
  attrNames,
  interpolate,
  lazyAttrs,
  makeBinPath,
  makeSearchPathOutput,
  nixToString,
  thunk,
  trace,
} from "../../support.js";

export { attrsToSection, makeJobScript, serviceUnitText, toOption } from "./systemd-lib.js";

type Attrs = Record<string, any>;

/** Names systemd accepts for units of the kinds the base knows. */
export const unitNameType = types.strMatching(
  "[a-zA-Z0-9@%:_.\\-]+[.](service|socket|device|mount|automount|swap|target|path|timer|scope|slice)",
);

/**
 * The names of `systemd.units` and `systemd.services` (a deliberate difference from NixOS, which
 * checks neither: see docs/security.md): names systemd loads (`isValidUnitName`), a service's
 * as `NAME.service`. A name with a newline, a `%` or nothing in it, which NixOS takes, would
 * add lines to unit files and store paths, or name a unit systemd ignores.
 */
export const systemdUnitName = mkOptionType<string>({
  name: "systemdUnitName",
  description: `systemd unit name (${UNIT_NAME_RULE})`,
  descriptionClass: "noun",
  check: (x) => typeof x === "string" && isValidUnitName(x),
});
export const systemdServiceName = mkOptionType<string>({
  name: "systemdServiceName",
  description: `service name whose unit, NAME.service, systemd loads (${UNIT_NAME_RULE})`,
  descriptionClass: "noun",
  check: (x) => typeof x === "string" && isValidUnitName(`${x}.service`),
});

/**
 * The type of one entry of `unitConfig` / `serviceConfig`: either all definitions are lists
 * (a repeatable option, concatenated) or none is (they must all be equal).
 */
export const unitOption = mkOptionType({
  name: "systemd option",
  // (The option's path is named only in the error.)
  merge: pathFreeMerge((loc: string[], defs: Definition[]): unknown => {
    const defs2 = filterOverrides(defs);
    if (Array.isArray(defs2[0]!.value)) {
      return defs2.flatMap((def) =>
        Array.isArray(def.value)
          ? (def.value as unknown[])
          : throwError(
              `The definitions for systemd unit options should be either all lists, representing repeatable options, or all non-lists, but for the option ${showOption(loc)}, the definitions are a mix of list and non-list ${showDefs(defs2)}`,
            ),
      );
    }
    return mergeEqualOption(loc, defs2);
  }),
});

/**
 * A check of a unit section's definition: `has(name)` says whether it sets the field `name`,
 * `get(name)` reads it (unwrapped as the reference base does), each field read only when a
 * check asks for it, through the same cell the merge reads later (a field's getter runs once).
 */
type Check = (group: string, has: (name: string) => boolean, get: (name: string) => unknown) => string[];

/** A check that the field `name`, when set, is one of `values`. */
export const assertValueOneOf =
  (name: string, values: readonly unknown[]): Check =>
  (group, has, get) =>
    has(name) && !values.includes(get(name))
      ? [`Systemd ${group} field \`${name}' cannot have value \`${nixToString(get(name))}'.`]
      : [];

/** Unwrap one mkOverride / mkIf of a field value, as the reference base does before checking. */
const stripProperty = (v: unknown): unknown => {
  const t =
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as { _type?: unknown })._type : undefined;
  return t === "override" || t === "if" ? (v as { content: unknown }).content : v;
};

/** Run the checks on a definition; their errors are traced, and the result says whether it passed. */
export const checkUnitConfig =
  (group: string, checks: readonly Check[]) =>
  (attrs: unknown): boolean => {
    const def = attrs as Attrs;
    const has = (n: string): boolean => Object.prototype.propertyIsEnumerable.call(def, n);
    const get = (n: string): unknown => stripProperty(force(cellOf(def, n)));
    const errors = checks.flatMap((c) => c(group, has, get));
    return errors.length === 0 ? true : trace(errors.join("\n"), false);
  };

export const checkService = checkUnitConfig("Service", [
  assertValueOneOf("Type", ["exec", "simple", "forking", "oneshot", "dbus", "notify", "idle"]),
  assertValueOneOf("Restart", ["no", "on-success", "on-failure", "on-abnormal", "on-abort", "always"]),
]);

const listOfUnits = (description: string) =>
  mkOption({ default: [], type: types.listOf(unitNameType), description });

const lines = (description: string) => mkOption({ type: types.lines, default: "", description });

/**
 * The options of a `systemd.services.<name>` entry. They depend on nothing the module
 * function is given, so they are declared once for all services: every instance's
 * module hands the engine the same declarations, whose merging it then does once.
 */
const serviceOptions = {
  enable: mkOption({ default: true, type: types.bool, description: "Whether the unit is enabled." }),
  requiredBy: listOfUnits("Units that require this unit."),
  wantedBy: listOfUnits("Units that want this unit."),
  aliases: listOfUnits("Aliases of that unit."),
  description: mkOption({
    default: "",
    type: types.singleLineStr,
    description: "Description of this unit.",
  }),
  documentation: mkOption({
    default: [],
    type: types.listOf(types.str),
    description: "Documentation URIs.",
  }),
  requires: listOfUnits("Units this unit requires."),
  wants: listOfUnits("Units this unit wants."),
  after: listOfUnits("Units this unit starts after."),
  before: listOfUnits("Units this unit starts before."),
  bindsTo: listOfUnits("Units this unit is bound to."),
  partOf: listOfUnits("Units this unit is part of."),
  conflicts: listOfUnits("Units this unit conflicts with."),
  requisite: listOfUnits("Units this unit requires to be already active."),
  onFailure: listOfUnits("Units activated when this unit fails."),
  onSuccess: listOfUnits("Units activated when this unit succeeds."),
  unitConfig: mkOption({
    default: {},
    type: types.attrsOf(unitOption),
    description: "[Unit] section options.",
  }),
  startLimitBurst: mkOption({ type: types.int, description: "Start rate limit burst." }),
  startLimitIntervalSec: mkOption({ type: types.int, description: "Start rate limit interval." }),
  restartTriggers: mkOption({
    default: [],
    type: types.listOf(types.unspecified),
    description: "Restart when these change.",
  }),
  reloadTriggers: mkOption({
    default: [],
    type: types.listOf(unitOption),
    description: "Reload when these change.",
  }),
  environment: mkOption({
    default: {},
    type: types.attrsOf(types.nullOr(types.oneOf([types.str, types.path, types.package]))),
    description: "Environment variables passed to the service's processes.",
  }),
  path: mkOption({
    default: [],
    type: types.listOf(types.oneOf([types.package, types.str])),
    description: "Packages added to the service's PATH.",
  }),
  serviceConfig: mkOption({
    default: {},
    type: types.addCheck(types.attrsOf(unitOption), checkService),
    description: "[Service] section options.",
  }),
  script: lines("Shell commands executed as the service's main process."),
  scriptArgs: mkOption({
    type: types.str,
    default: "",
    description: "Arguments passed to the main process script.",
  }),
  preStart: lines("Shell commands executed before the main process."),
  postStart: lines("Shell commands executed after the main process is started."),
  reload: lines("Shell commands executed on reload."),
  preStop: lines("Shell commands executed to stop the service."),
  postStop: lines("Shell commands executed after the main process has exited."),
  jobScripts: mkOption({
    type: types.coercedTo(types.path, (x: unknown) => [x], types.listOf(types.path)),
    internal: true,
    default: [],
    description: "All job script derivations of this unit.",
  }),
  restartIfChanged: mkOption({ type: types.bool, default: true, description: "Restart on change." }),
  reloadIfChanged: mkOption({ type: types.bool, default: false, description: "Reload on change." }),
  stopIfChanged: mkOption({
    type: types.bool,
    default: true,
    description: "Stop then start on change.",
  }),
  startAt: mkOption({
    type: types.either(types.str, types.listOf(types.str)),
    default: [],
    description: "Calendar times to start this unit.",
    apply: (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]),
  }),
};

/**
 * The `systemd.services.<name>` submodule. Like the reference, it takes `pkgs` from the
 * enclosing module (a thunk: module arguments are read only when needed).
 */
export const makeServiceModule = (getPkgs: () => Pkgs) => (args: ModuleArgs) => {
  const c = args.config as Attrs;
  const options = (): Attrs => args.options as Attrs;
  const name = (): string => args.name;
  const jobScript = (suffix: string, text: () => string): (() => string) => {
    let path: string | undefined;
    return () => (path ??= makeJobScript(getPkgs(), `${name()}-${suffix}`, text()));
  };
  const preStartJob = jobScript("pre-start", () => c.preStart);
  const startJob = jobScript("start", () => c.script);
  const postStartJob = jobScript("post-start", () => c.postStart);
  const reloadJob = jobScript("reload", () => c.reload);
  const preStopJob = jobScript("pre-stop", () => c.preStop);
  const postStopJob = jobScript("post-stop", () => c.postStop);
  // `mkIf (cfg.<script> != "") { jobScripts = job; serviceConfig.<field> = <value of job>; }`,
  // written as the engine pushes it down: each attribute under the condition, its content
  // made only if the condition holds (half the scripts of a service are usually empty).
  const whenScript = (script: string, job: () => string, field: string, value: (job: string) => unknown) => {
    const cond = (): boolean => c[script] !== "";
    return {
      jobScripts: mkIf(cond, new Lazy(job)),
      serviceConfig: mkIf(cond, new Lazy(() => lazyAttrs([[field, () => value(job())]]))),
    };
  };
  const ifDefined = (list: string, attr: string, value: () => unknown): Attrs =>
    (c[list] as unknown[]).length !== 0 ? { [attr]: value() } : {};
  const joined = (list: string, attr: string): Attrs => ifDefined(list, attr, () => nixToString(c[list]));

  return {
    options: serviceOptions,

    config: mkMerge([
      whenScript("preStart", preStartJob, "ExecStartPre", (job) => [job]),
      whenScript("script", startJob, "ExecStart", (job) => job + " " + c.scriptArgs),
      whenScript("postStart", postStartJob, "ExecStartPost", (job) => [job]),
      whenScript("reload", reloadJob, "ExecReload", (job) => job),
      whenScript("preStop", preStopJob, "ExecStop", (job) => job),
      whenScript("postStop", postStopJob, "ExecStopPost", (job) => job),
      {
        get unitConfig(): Attrs {
          return {
            ...joined("requires", "Requires"),
            ...joined("wants", "Wants"),
            ...joined("after", "After"),
            ...joined("before", "Before"),
            ...joined("bindsTo", "BindsTo"),
            ...joined("partOf", "PartOf"),
            ...joined("conflicts", "Conflicts"),
            ...joined("requisite", "Requisite"),
            ...ifDefined("restartTriggers", "X-Restart-Triggers", () =>
              interpolate(
                getPkgs().writeText(`X-Restart-Triggers-${name()}`, nixToString(c.restartTriggers)),
              ),
            ),
            ...ifDefined("reloadTriggers", "X-Reload-Triggers", () =>
              interpolate(getPkgs().writeText(`X-Reload-Triggers-${name()}`, nixToString(c.reloadTriggers))),
            ),
            ...(c.description !== "" ? { Description: c.description } : {}),
            ...joined("documentation", "Documentation"),
            ...joined("onFailure", "OnFailure"),
            ...joined("onSuccess", "OnSuccess"),
            ...(options().startLimitIntervalSec.isDefined
              ? { StartLimitIntervalSec: nixToString(c.startLimitIntervalSec) }
              : {}),
            ...(options().startLimitBurst.isDefined
              ? { StartLimitBurst: nixToString(c.startLimitBurst) }
              : {}),
          };
        },
        environment: lazyAttrs([
          [
            "PATH",
            () =>
              mkIf(
                () => (c.path as unknown[]).length !== 0,
                `${makeBinPath(c.path)}:${makeSearchPathOutput("bin", "sbin", c.path)}`,
              ),
          ],
        ]),
        get path() {
          const p = getPkgs();
          return mkAfter([p.coreutils, p.findutils, p.gnugrep, p.gnused, p.systemd]);
        },
      },
    ]),
  };
};

/** A `systemd.units` entry made from a service; every attribute is read lazily. */
export function serviceToUnit(globalEnvironment: () => Attrs, _name: string, def: Attrs): Attrs {
  return lazyAttrs<unknown>([
    ["aliases", () => def.aliases],
    ["wantedBy", () => def.wantedBy],
    ["requiredBy", () => def.requiredBy],
    ["enable", () => def.enable],
    ["text", () => serviceUnitText(globalEnvironment(), def)],
  ]);
}

const unitModule = {
  options: {
    enable: mkOption({ default: true, type: types.bool, description: "Whether the unit is enabled." }),
    requiredBy: listOfUnits("Units that require this unit."),
    wantedBy: listOfUnits("Units that want this unit."),
    aliases: listOfUnits("Aliases of that unit."),
    text: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "Text of this systemd unit.",
    }),
  },
};

/** `systemd.globalEnvironment`, `systemd.services`, `systemd.units`. */
export const systemdModule = (args: ModuleArgs) => {
  // The reference's `let cfg = config.systemd`: read once, when first needed.
  const cfg = thunk((): Attrs => (args.config as Attrs).systemd);
  const serviceModule = makeServiceModule(() => args.pkgs as Pkgs);
  return {
    options: {
      systemd: {
        globalEnvironment: mkOption({
          type: types.attrsOf(types.nullOr(types.oneOf([types.str, types.path, types.package]))),
          default: {},
          description: "Environment variables passed to all systemd units.",
        }),
        services: mkOption({
          default: {},
          type: attrsWithNames(systemdServiceName, types.attrsOf(types.submodule(serviceModule))),
          description: "Definition of systemd service units.",
        }),
        units: mkOption({
          default: {},
          type: attrsWithNames(systemdUnitName, types.attrsOf(types.submodule(unitModule))),
          description: "Definition of systemd units.",
        }),
      },
    },
    config: {
      systemd: {
        get units(): Attrs {
          const services = cfg().services as Attrs;
          return lazyAttrs(
            attrNames(services).map(
              (n) =>
                [`${n}.service`, () => serviceToUnit(() => cfg().globalEnvironment, n, services[n])] as [
                  string,
                  () => unknown,
                ],
            ),
          );
        },
      },
    },
  };
};

export default systemdModule;
