"use strict";
// The Node.js flags the nixmod command runs with (the benchmark uses the same).
const { availableParallelism, totalmem } = require("node:os");
const { setFlagsFromString } = require("node:v8");

/**
 * A heap limit of three quarters of the machine's memory (at most 32 GB):
 * V8's default (about 4 GB) makes a host of many thousand containers spend
 * its time collecting garbage near the limit, or fail.
 */
function heapFlags() {
  const mb = Math.min(Math.floor((totalmem() * 0.75) / 2 ** 20), 32768);
  return mb > 4096 ? [`--max-old-space-size=${mb}`] : [];
}

/**
 * No inlining in V8's optimizing compiler. An evaluation is short (about a second for a
 * thousand containers) and runs through many small functions, each hot only for a while:
 * with inlining, TurboFan spent about 1.5 s of CPU compiling (some functions 20-40 ms
 * each, their callees inlined again into every caller) for 1 s of evaluation, on a thread
 * the garbage collector's helpers also need. Without it, N=1000 of the benchmark: wall
 * time -11 % and CPU -22 % (medians of 15 interleaved runs); N=10000 unchanged or better.
 */
function jitFlags() {
  return ["--no-turbo-inlining"];
}

/**
 * V8's pool of background threads: one fewer than the cores, so that the main thread,
 * which does the evaluation, keeps a core of its own (at most Node's default of four).
 * The pool compiles optimized code and helps the garbage collector; on a two-core machine
 * Node's four threads took turns with the main thread, which waited for a core about a
 * tenth of the time (30-40 ms at N=1000, /proc's schedstat; about 1 ms with one thread).
 * With one thread, the benchmark's wall time: N=1000 -4.5 % (median of 25 interleaved runs;
 * -7 % in another 11), N=3000 and N=10000 unchanged to -2 %, N=100 unchanged.
 */
function poolFlags() {
  const size = Math.max(1, Math.min(4, availableParallelism() - 1));
  return size < 4 ? [`--v8-pool-size=${size}`] : [];
}

/** All of the above: the flags of a process started for the command (a child with a deep stack). */
function nodeFlags() {
  return [...heapFlags(), ...jitFlags(), ...poolFlags()];
}

/**
 * The flags the command sets in its own process, which started without any (bin/nixmod.js):
 * V8 takes jitFlags() at run time, before the engine's code is compiled; the heap limit and the
 * thread pool only when the process starts (so the command's own process has V8's default
 * limit, about 4 GB on a 64-bit machine, and Node's four threads). Returns the flags set.
 *
 * (Set after the built-in modules the command loads first: V8 refuses Node's cached code for
 * built-in modules compiled while any V8 flag differs from Node's build.)
 */
function setRuntimeFlags() {
  const flags = jitFlags();
  for (const f of flags) setFlagsFromString(f);
  return flags;
}

module.exports = { heapFlags, jitFlags, poolFlags, nodeFlags, setRuntimeFlags };
