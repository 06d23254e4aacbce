/**
 * Services that nothing declares: an override module that appends to `podman-wbe`'s
 * ExecStartPre, meaning `podman-web`, makes a service `podman-wbe` of its own, with an
 * ExecStartPre and nothing to start. Nix does the same, so the value stays; the nixmod command
 * (eval and build) warns, naming the service, the files that define it and the closest name
 * of a service that does start.
 */
import { isAttrs } from "../lib/attrs-lazy.js";
import { closestNames } from "../lib/suggest.js";

/** A service of `systemd.services` that nothing makes startable, and what to say about it. */
export interface StrayService {
  readonly name: string;
  /** The files of the definitions that name it. */
  readonly files: readonly string[];
  /** The services that start whose names are closest to it. */
  readonly closest: readonly string[];
}

/** What makes a unit a service systemd starts (else: "Service has no ExecStart=, ExecStop=, or SuccessAction="). */
const STARTING = ["ExecStart", "ExecStop", "SuccessAction"];

/** Does definition value `v` (perhaps under mkIf, mkMerge, mkOverride, mkOrder) name `name`? */
function names(v: unknown, name: string): boolean {
  if (!isAttrs(v)) return false;
  const t = (v as { _type?: unknown })._type;
  if (t === "if" || t === "override" || t === "order")
    return names((v as { content: unknown }).content, name);
  if (t === "merge") return ((v as { contents: unknown[] }).contents ?? []).some((c) => names(c, name));
  return Object.prototype.hasOwnProperty.call(v, name);
}

/**
 * The enabled services of `config.systemd.services` with no ExecStart, ExecStop or
 * SuccessAction (nothing declares them: no module gave them a script or a command), with the
 * files defining them (from `options`, the evaluation's options) and the closest names of
 * services that start. A service whose evaluation fails is left to the error it gives.
 */
export function strayServices(config: Record<string, any>, options: Record<string, any>): StrayService[] {
  const services = config.systemd?.services as Record<string, any> | undefined;
  if (!isAttrs(services)) return [];
  const starting: string[] = [];
  const stray: string[] = [];
  for (const name of Object.keys(services)) {
    try {
      const s = services[name] as { enable: boolean; serviceConfig: Record<string, unknown> };
      if (s.enable === false) continue;
      const sc = s.serviceConfig;
      (STARTING.some((k) => sc[k] !== undefined) ? starting : stray).push(name);
    } catch {
      // (its error is for the evaluation to report, where the service is read)
    }
  }
  if (stray.length === 0) return [];
  let defs: readonly { file: string; value: unknown }[] = [];
  try {
    defs = options.systemd.services.definitionsWithLocations;
  } catch {
    // (no files to name)
  }
  return stray.map((name) => {
    const files: string[] = [];
    for (const d of defs) {
      try {
        if (names(d.value, name) && !files.includes(d.file)) files.push(d.file);
      } catch {
        // (a definition that cannot be read names nothing here)
      }
    }
    return { name, files, closest: closestNames(name, starting) };
  });
}

/** The warning for a stray service, as the command prints it (after `warning: `). */
export function strayServiceWarning(s: StrayService): string {
  const where = s.files.length === 0 ? "" : ` (defined in ${s.files.map((f) => `\`${f}'`).join(", ")})`;
  const near =
    s.closest.length === 0 ? "" : `; did you mean ${s.closest.map((c) => `\`${c}'`).join(" or ")}?`;
  return (
    `the service \`${s.name}'${where} has no ExecStart, ExecStop or SuccessAction: ` +
    `no module declares it, so systemd will not start it${near}`
  );
}
