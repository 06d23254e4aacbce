/**
 * What a benchmark process (bench/run.ts, bench/run-floor.ts) shares: reading N from its
 * arguments, and the one-line JSON summary it prints of the output it computed.
 */

/** N, the number of containers (argv[2]); a usage error naming `name` otherwise. */
export function containerCount(name: string): number {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`usage: ${name} N\n`);
    process.exit(2);
  }
  return n;
}

/** Print the summary: counts, the units' text length, and the first service's hook. */
export function printSummary(
  n: number,
  services: Record<string, unknown>,
  units: number,
  textChars: number,
): void {
  const hook =
    n > 0
      ? (services["podman-c0"] as { serviceConfig: { ExecStartPre: unknown } }).serviceConfig.ExecStartPre
      : null;
  process.stdout.write(
    JSON.stringify({ n, services: Object.keys(services).length, units, textChars, hook }) + "\n",
  );
}
