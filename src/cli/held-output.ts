/**
 * Output held back while a command runs on the main thread's stack (see command.ts `run`):
 * what the process writes to stdout and stderr is kept, in the order written, and either
 * written when the command ends or dropped, when the command is to run again with a deeper
 * stack, so that nothing it printed appears twice.
 */
import process from "node:process";

type Stream = NodeJS.WriteStream;
type WriteArgs = [chunk: unknown, ...rest: unknown[]];

export interface HeldOutput {
  /** What was written so far to both streams, as text (to look for a stack overflow's report). */
  text(): string;
  /** Write what was held, in order, and let later writes through. */
  release(): void;
  /** Forget what was held, and let later writes through. */
  drop(): void;
}

/** Hold stdout and stderr back from now on. */
export function holdOutput(): HeldOutput {
  const held: [Stream, WriteArgs][] = [];
  const streams: Stream[] = [process.stdout, process.stderr];
  const writes = streams.map((s) => s.write);
  streams.forEach((stream) => {
    stream.write = function (...args: WriteArgs): boolean {
      // A write's callback is called now (a writer awaiting it must not wait for the command's
      // end); the chunk is written later without it.
      const i = args.findIndex((a) => typeof a === "function");
      if (i > 0) {
        const callback = args[i] as (e?: Error | null) => void;
        process.nextTick(() => callback(null));
        args = args.slice(0, i) as WriteArgs;
      }
      held.push([stream, args]);
      return true;
    } as Stream["write"];
  });
  let done = false;
  const restore = (): void => {
    done = true;
    streams.forEach((s, i) => (s.write = writes[i]!));
    process.removeListener("exit", release);
  };
  function release(): void {
    if (done) return;
    restore();
    for (const [stream, args] of held) (stream.write as (...a: WriteArgs) => boolean)(...args);
    held.length = 0;
  }
  // (A module file calling process.exit ends the command: what it held is written then.)
  process.on("exit", release);
  return {
    text: () =>
      held
        .map(([, [chunk]]) =>
          typeof chunk === "string"
            ? chunk
            : chunk instanceof Uint8Array
              ? Buffer.from(chunk).toString()
              : String(chunk),
        )
        .join(""),
    release,
    drop: () => {
      if (done) return;
      restore();
      held.length = 0;
    },
  };
}
