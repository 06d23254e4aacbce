// Before every test file: what the code under test traces (`builtins.trace`, `lib.warn`) is
// kept, not printed, and a test that leaves a trace it did not capture (captureTraces) fails,
// so that a passing run prints none.
import { afterEach, expect } from "vitest";
import { setTraceSink } from "../src/lib/nix/trivial.js";

const leaked: string[] = [];
setTraceSink((message) => void leaked.push(message));

afterEach(() => {
  const traces = leaked.splice(0);
  expect(traces, "traces the test did not capture (use captureTraces)").toEqual([]);
});
