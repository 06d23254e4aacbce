// Shared by the diff tests: small hosts made of services and units, and the plan's lists.
import type { HostDiff } from "../../src/diff/index.js";

type Attrs = Record<string, unknown>;

/** A module defining `systemd.services.<name>`, wanted by multi-user.target unless `extra` says otherwise. */
export const service = (name: string, extra: Attrs = {}): Attrs => ({
  systemd: {
    services: {
      [name]: {
        wantedBy: ["multi-user.target"],
        script: `exec /run/current-system/sw/bin/${name}`,
        ...extra,
      },
    },
  },
});

/** A module defining `systemd.units.<name>` with `text`, wanted by multi-user.target unless `extra` says otherwise. */
export const unit = (name: string, text: string, extra: Attrs = {}): Attrs => ({
  systemd: { units: { [name]: { text, wantedBy: ["multi-user.target"], ...extra } } },
});

/** The five lists of a plan. */
export const lists = (d: HostDiff) => ({
  stop: d.stop,
  start: d.start,
  restart: d.restart,
  reload: d.reload,
  skip: d.skip,
});

/** Lists with every action empty but those given. */
export const only = (given: Partial<Record<"stop" | "start" | "restart" | "reload" | "skip", string[]>>) => ({
  stop: [],
  start: [],
  restart: [],
  reload: [],
  skip: [],
  ...given,
});

/** The report of one unit. */
export const unitOf = (d: HostDiff, name: string) => {
  const u = d.units.find((x) => x.name === name);
  if (u === undefined) throw new Error(`no report of ${name}: ${d.units.map((x) => x.name).join(", ")}`);
  return u;
};
