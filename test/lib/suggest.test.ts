// "Did you mean ...?" for the command's own messages: the edit distance and the names it picks.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestNames, didYouMean, editDistance } from "../../src/lib/suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("image", "imag")).toBe(1);
    expect(editDistance("imag", "image")).toBe(1);
    expect(editDistance("podman-ap", "podman-db")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("counts a swap of two neighbouring characters as one edit", () => {
    expect(editDistance("nmae", "name")).toBe(1);
    expect(editDistance("ca", "abc")).toBe(3);
  });

  it("is zero only for equal names, symmetric, and at most the longer length", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("closestNames and didYouMean", () => {
  const options = ["autoStart", "cmd", "dependsOn", "environment", "image", "imageFile", "ports"];

  it("offers the names within a third of the name's length, closest first, at most three", () => {
    expect(closestNames("imag", options)).toEqual(["image"]);
    expect(closestNames("dependOn", options)).toEqual(["dependsOn"]);
    expect(closestNames("volumes", options)).toEqual([]);
    expect(closestNames("a", ["b", "c", "d", "e"])).toEqual(["b", "c", "d"]);
  });

  it("words the suggestion after a sentence, or after a message of Nix's", () => {
    expect(didYouMean("imag", options)).toBe(" Did you mean `image'?");
    expect(didYouMean("podman-ap", ["podman-app", "podman-db", "nginx"])).toBe(
      " Did you mean `podman-app' or `podman-db'?",
    );
    expect(didYouMean("service", ["services", "units"], "; did you mean")).toBe("; did you mean `services'?");
    expect(didYouMean("volumes", options)).toBe("");
  });
});
