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
