// The Node.js flags the nixmod command runs with (the benchmark uses the same).
import { totalmem } from "node:os";

/**
 * A heap limit of three quarters of the machine's memory (at most 32 GB):
 * V8's default (about 4 GB) makes a host of many thousand containers spend
 * its time collecting garbage near the limit, or fail.
 */
export function heapFlags() {
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
export function jitFlags() {
  return ["--no-turbo-inlining"];
}

/** All of the above. */
export function nodeFlags() {
  return [...heapFlags(), ...jitFlags()];
}
