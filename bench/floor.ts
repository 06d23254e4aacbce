/**
 * The benchmark's floor: what bench/run.ts prints for the workload (every service as the
 * conformance harness prints it, and every unit's text), computed directly from the
 * workload's inputs with the library's pure helpers (store paths, job scripts, unit text,
 * shell escaping) and no module system at all: no options, no merging, no laziness.
 *
 * It knows the answer only for this workload on the podman backend, so it is no
 * implementation of anything; it measures how much of a benchmark run is the work itself
 * (strings, hashes, JSON) and how much the module system around it. test/bench/floor.test.ts
 * checks that its output is the engine's, byte for byte.
 */
import { sortNames } from "../src/lib/attrs-lazy.js";
import { makePkgs } from "../src/modules/pkgs.js";
import { makeJobScript, serviceUnitText } from "../src/modules/system/boot/systemd-lib.js";
import {
  concatStringsSep,
  escapeShellArg,
  interpolate,
  makeBinPath,
  makeSearchPathOutput,
} from "../src/modules/support.js";
import { containerConfig } from "./workload.js";

/** A container of the workload, with the options it leaves out at their defaults. */
interface Spec {
  image: string;
  ports: string[];
  environment: Record<string, string>;
  volumes: string[];
  cmd?: string[];
  dependsOn?: string[];
  login?: { username: string; passwordFile: string; registry: string };
}

export interface FloorOutput {
  /** `systemd.services`, as the conformance harness prints it. */
  services: Record<string, unknown>;
  /** The text of each `systemd.units.<name>`. */
  texts: Record<string, string>;
}

const NONE: readonly never[] = Object.freeze([]);

/** The services and unit texts of the workload with `n` containers. */
export function floorOutput(n: number): FloorOutput {
  const pkgs = makePkgs();
  // The service module's `path` (coreutils … systemd, after the container's podman).
  const path = [pkgs.podman, pkgs.coreutils, pkgs.findutils, pkgs.gnugrep, pkgs.gnused, pkgs.systemd];
  const pathEnv = `${makeBinPath(path)}:${makeSearchPathOutput("bin", "sbin", path)}`;
  const pathStrings = path.map((p) => interpolate(p));
  // In Nix's order (by code unit), as the harness prints them: `podman-<name>` and
  // `podman-<name>.service` keep the order of the names, so the sets are made in it.
  const names = sortNames(Array.from({ length: n }, (_, i) => `c${i}`));
  const services: Record<string, unknown> = {};
  const texts: Record<string, string> = {};
  for (const name of names) {
    const i = Number(name.slice(1));
    const c = containerConfig(i) as unknown as Spec;
    const unit = `podman-${name}`;
    const escaped = escapeShellArg(name);
    const dependsOn = (c.dependsOn ?? []).map((x) => `podman-${x}.service`);
    const login = c.login;
    const preStart = pkgs.writeShellApplication({
      name: "pre-start",
      runtimeInputs: [],
      text:
        `podman rm -f ${name} || true\n` +
        (login
          ? `cat ${login.passwordFile} | \\\npodman login \\\n${login.registry} \\\n--username ${login.username} \\\n--password-stdin\n`
          : "") +
        `\n\nrm -f /run/podman-${escaped}.ctr-id\n\n`,
    });
    const script = concatStringsSep(" \\\n ", [
      "exec podman run",
      "--rm",
      `--name=${escaped}`,
      "--log-driver=journald",
      `--cidfile=/run/podman-${escaped}.ctr-id`,
      "--cgroups=no-conmon",
      "--sdnotify=conmon",
      "-d",
      "--replace",
      ...sortNames(Object.keys(c.environment)).map(
        (k) => `-e ${escapeShellArg(k)}=${escapeShellArg(c.environment[k])}`,
      ),
      ...c.ports.map((p) => `-p ${escapeShellArg(p)}`),
      ...c.volumes.map((v) => `-v ${escapeShellArg(v)}`),
      c.image,
      ...(c.cmd ?? []).map((x) => escapeShellArg(x)),
    ]);
    const preStop = `[ $SERVICE_RESULT = success ] || podman stop --ignore --cidfile=/run/podman-${escaped}.ctr-id`;
    const postStop = `podman rm -f --ignore --cidfile=/run/podman-${escaped}.ctr-id`;
    const startJob = makeJobScript(pkgs, `${unit}-start`, script);
    const preStopJob = makeJobScript(pkgs, `${unit}-pre-stop`, preStop);
    const postStopJob = makeJobScript(pkgs, `${unit}-post-stop`, postStop);
    const after = ["network-online.target", ...dependsOn];
    const execStartPre = [`${interpolate(preStart)}/bin/pre-start`];
    if (i % 10 === 0) execStartPre.push(`/etc/hooks/h${i}`);
    const service = {
      after,
      aliases: NONE,
      before: NONE,
      bindsTo: NONE,
      conflicts: NONE,
      description: "",
      documentation: NONE,
      enable: true,
      environment: { PATH: pathEnv },
      jobScripts: [startJob, preStopJob, postStopJob],
      onFailure: NONE,
      onSuccess: NONE,
      partOf: NONE,
      path: pathStrings,
      postStart: "",
      postStop,
      preStart: "",
      preStop,
      reload: "",
      reloadIfChanged: false,
      reloadTriggers: NONE,
      requiredBy: NONE,
      requires: dependsOn,
      requisite: NONE,
      restartIfChanged: true,
      restartTriggers: NONE,
      script,
      scriptArgs: "",
      serviceConfig: {
        Environment: `PODMAN_SYSTEMD_UNIT=${unit}.service`,
        ExecStart: `${startJob} `,
        ExecStartPre: execStartPre,
        ExecStop: preStopJob,
        ExecStopPost: postStopJob,
        NotifyAccess: "all",
        Restart: "always",
        TimeoutStartSec: 0,
        TimeoutStopSec: 120,
        Type: "notify",
      },
      startAt: NONE,
      stopIfChanged: true,
      unitConfig:
        dependsOn.length > 0
          ? { After: after.join(" "), Requires: dependsOn.join(" ") }
          : { After: after.join(" ") },
      wantedBy: ["multi-user.target"],
      wants: NONE,
    };
    services[unit] = service;
    texts[`${unit}.service`] = serviceUnitText({}, service);
  }
  return { services, texts };
}
