import { afterEach, describe, expect, it } from "vitest";
import {
  assertOneOf,
  captureTraces,
  compareVersions,
  functionArgs,
  lessThan,
  splitVersion,
  throwIf,
  throwIfNot,
  trace,
  warn,
  warnIf,
} from "../../../src/lib/nix/trivial.js";
import { withLibRevision } from "../../../src/lib/lib-revision.js";

afterEach(() => {
  delete process.env.NIX_ABORT_ON_WARN;
});

describe("trace and warn", () => {
  it("traces strings raw and other values as Nix prints them", () => {
    const { result, traces } = captureTraces(() => trace({ a: [1] }, trace("hi", 3)));
    expect(result).toBe(3);
    expect(traces).toEqual(["hi", "{ a = [ 1 ]; }"]);
  });

  it("warns like the nixpkgs lib in force (2023-07: bold red 'warning: ', 2025-06: 'evaluation warning:' in bold purple)", () => {
    const warned = () => captureTraces(() => warnIf(false, "no", warn("careful", 1)));
    const { result, traces } = withLibRevision("2023-07", warned);
    expect(result).toBe(1);
    expect(traces).toEqual(["\u001b[1;31mwarning: careful\u001b[0m"]);
    expect(warned()).toEqual({ result: 1, traces: ["\u001b[1;35mevaluation warning:\u001b[0m careful"] });
  });

  it("aborts on warnings with NIX_ABORT_ON_WARN", () => {
    process.env.NIX_ABORT_ON_WARN = "1";
    expect(() => captureTraces(() => warn("x", 1))).toThrow("NIX_ABORT_ON_WARN=true");
  });

  it("throwIf / throwIfNot / assertOneOf", () => {
    expect(throwIf(false, "m", 1)).toBe(1);
    expect(() => throwIf(true, "boom", 1)).toThrow("boom");
    expect(() => throwIfNot(false, "boom2", 1)).toThrow("boom2");
    expect(() => assertOneOf("x", "c", ["a", "b"])).toThrow(
      'x must be one of [\n  "a"\n  "b"\n], but is: "c"',
    );
  });
});

describe("versions", () => {
  it("compares like builtins.compareVersions", () => {
    expect(compareVersions("1.0pre", "1.0")).toBe(-1);
    expect(compareVersions("2.3a", "2.3.1")).toBe(-1);
    expect(compareVersions("1.0", "1.0.0")).toBe(-1);
    expect(compareVersions("10", "9")).toBe(1);
    expect(compareVersions("1.2", "1-2")).toBe(0);
    expect(splitVersion("1.2-rc1")).toEqual(["1", "2", "rc", "1"]);
  });
});

describe("functionArgs", () => {
  it("reads destructured parameters", () => {
    expect(functionArgs(({ a, b = 2, ...rest }: any) => [a, b, rest])).toEqual({ a: false, b: true });
    expect(
      functionArgs(function ({ x: y = 1, z }: any) {
        return [y, z];
      }),
    ).toEqual({ x: true, z: false });
    expect(functionArgs((x: unknown) => x)).toEqual({});
  });
});

describe("lessThan", () => {
  it("compares numbers, strings and lists; errors otherwise", () => {
    expect(lessThan([1, 2], [1, 3])).toBe(true);
    expect(lessThan([1], [1, 0])).toBe(true);
    expect(lessThan("B", "a")).toBe(true);
    expect(() => lessThan({}, {})).toThrow("cannot compare a set with a set");
  });
});
