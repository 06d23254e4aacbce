// The option declarations of the oci-containers module of each revision against NixOS's, as
// real Nix shows them: fixtures/oci-options-<revision>.json was produced with nix-instantiate
// from the base and the module of that revision, with the lib of its time (description,
// example, default and type description of every option, container options too; paths in
// examples as strings).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evalModules } from "../../src/lib/evaluation.js";
import { setLibRevision, withLibRevision, type LibRevision } from "../../src/lib/lib-revision.js";
import { makePkgs, revisions, type RevisionName } from "../../src/modules/index.js";

const fixture = (revision: RevisionName): Record<string, any> =>
  JSON.parse(
    readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), "fixtures", `oci-options-${revision.slice(0, 4)}.json`),
      "utf8",
    ),
  ) as Record<string, any>;

// Deliberate differences from NixOS (docs/security.md, "Shell injection"): the values a
// revision puts unescaped into shell scripts and unit files have stricter types, so their type
// descriptions differ from Nix's. Everything else is as Nix shows it.
const word = "string matching the pattern [A-Za-z0-9_@%+=:,./-]+";
const containerName = "string matching the pattern [a-zA-Z0-9][a-zA-Z0-9_.-]*";
const hardened = (revision: RevisionName): Record<string, any> => {
  const want = fixture(revision);
  want.containers.type = `${want.containers.type as string}, each name a ${containerName}`;
  want.sub.image.type = word;
  want.sub["log-driver"].type = word;
  want.sub.imageFile.type = `null or package whose path is a ${word}`;
  for (const f of ["passwordFile", "registry"]) want.sub.login[f].type = `null or ${word}`;
  if (revision === "2023-07") {
    want.sub.dependsOn.type = `list of ${containerName}`;
    want.sub.login.username.type = `null or ${word}`;
  } else {
    want.sub.imageStream.type = `null or package whose path is a ${word}`;
    // (The sub-options of `podman` are not listed by getSubOptions: it is a nullOr.)
  }
  return want;
};

const show = (opt: any) => ({
  description: opt.description ?? null,
  example: opt.example ?? null,
  default: opt.default ?? null,
  type: opt.type.description,
});

/** JSON with object keys sorted, so that comparisons ignore key order. */
const normalize = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x, (_k, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, (v as Record<string, unknown>)[k]]),
          )
        : v,
    ),
  );

describe.each(["2023-07", "2025-06"] as const)(
  "oci-containers option declarations, revision %s",
  (revision) => {
    const want = hardened(revision);
    const r = revisions[revision];
    const ev = withLibRevision(r.lib, () =>
      evalModules({ modules: [...r.modules], specialArgs: { pkgs: makePkgs() } }),
    );
    const o = ev.options.virtualisation["oci-containers"];
    let previous: LibRevision;

    // (Type descriptions read under the revision's lib: its words.)
    beforeAll(() => void (previous = setLibRevision(r.lib)));
    afterAll(() => void setLibRevision(previous));

    it("backend and containers are declared as in NixOS", () => {
      expect(normalize(show(o.backend))).toEqual(normalize(want.backend));
      expect({ description: o.containers.description, type: o.containers.type.description }).toEqual(
        want.containers,
      );
    });

    it("every container option has NixOS's description, example, default and type", () => {
      const sub = o.containers.type.getSubOptions([]);
      const got: Record<string, unknown> = {};
      for (const n of Object.keys(sub)) {
        if (n === "_module") continue;
        const v = sub[n];
        got[n] =
          v._type === "option"
            ? show(v)
            : Object.fromEntries(
                Object.keys(v)
                  .filter((k) => k !== "_module")
                  .map((k) => [k, show(v[k])]),
              );
      }
      expect(normalize(got)).toEqual(normalize(want.sub));
    });

    it("the extraOptions description names the default backend", () => {
      const sub = o.containers.type.getSubOptions([]);
      expect(sub.extraOptions.description).toBe("Extra options for {command}`podman run`.");
    });
  },
);
