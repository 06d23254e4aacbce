/** The Node.js flags the nixmod command runs with (the benchmark uses the same). */
export function heapFlags(): string[];
