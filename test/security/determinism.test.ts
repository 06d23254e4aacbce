// Determinism: the same modules give byte-identical JSON and unit files (everything
// `nixmod build` would write) across runs, and, where Nix semantics make order irrelevant
// (attrsOf definitions from different files, containers and environment variables defined in
// any order, modules listed in any order when no definitions conflict on ordered values),
// across module orderings too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attrs, containers, servicesJson, treeText } from "./helpers.js";
import { setLibRevision } from "../../src/lib/lib-revision.js";

// Written for the seed: its modules and its lib (revision 2023-07).
setLibRevision("2023-07");

const names = ["web", "db", "constructor", "a.b", "Z", "10", "9", "é"].filter((n) => /^[a-zA-Z0-9]/.test(n));

/** Modules that each define a different container or environment variable (no ordered merges). */
const modulesArb = fc
  .uniqueArray(
    fc.record({
      name: fc.constantFrom(...names),
      image: fc.constantFrom("nginx", "redis:7"),
      env: fc.uniqueArray(fc.constantFrom("A", "B", "__proto__", "toString", "10", "9", "b", "é"), {
        maxLength: 3,
      }),
      ports: fc.array(fc.constantFrom("80", "8080:80"), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 5, selector: (r) => r.name },
  )
  .map((cs) =>
    cs.flatMap(({ name, image, env, ports }, i) => [
      containers(`c${i}.json`, attrs([[name, { image, ports }]])),
      // The environment of the same container, from another file, one variable per module.
      ...env.map((k, j) =>
        containers(`e${i}-${j}.json`, attrs([[name, { environment: attrs([[k, `${k}-${i}`]]) }]])),
      ),
    ]),
  );

describe("determinism", () => {
  it("the same modules give byte-identical JSON and trees across runs", () => {
    fc.assert(
      fc.property(modulesArb, (modules) => {
        const json = servicesJson(modules);
        expect(servicesJson(modules)).toBe(json);
        expect(treeText(modules)).toBe(treeText(modules));
      }),
      { numRuns: 20 },
    );
  });

  it("module order does not matter where Nix semantics make it irrelevant", () => {
    fc.assert(
      fc.property(
        modulesArb.chain((ms) =>
          fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length })),
        ),
        ([modules, shuffled]) => {
          expect(servicesJson(shuffled)).toBe(servicesJson(modules));
          expect(treeText(shuffled)).toBe(treeText(modules));
        },
      ),
      { numRuns: 20 },
    );
  });

  it("attribute names come out in byte order, not insertion, locale or integer-key order", () => {
    const env = attrs(["b", "a", "B", "10", "9", "é", "_x"].map((k) => [k, k]));
    const { script } = JSON.parse(
      servicesJson([containers("h.json", { web: { image: "nginx", environment: env } })]),
    )["docker-web"] as { script: string };
    const order = [...script.matchAll(/-e '([^']*)'/g)].map((m) => m[1]);
    expect(order).toEqual(["10", "9", "B", "_x", "a", "b", "é"]);
  });

  it("list definitions from several files keep module order (as in Nix), identically on every run", () => {
    const a = containers("a.json", { web: { image: "nginx", cmd: ["a"] } });
    const b = containers("b.json", { web: { cmd: ["b"] } });
    const ab = servicesJson([a, b]);
    expect(servicesJson([a, b])).toBe(ab);
    expect(ab).toContain("'a' \\\\\\n 'b'");
    expect(servicesJson([b, a])).toContain("'b' \\\\\\n 'a'");
  });
});
