/** `--max-old-space-size` for three quarters of the machine's memory (none below 4 GB). */
export declare function heapFlags(): string[];
/** V8 compiler flags for short evaluations (no inlining in TurboFan). */
export declare function jitFlags(): string[];
/** The flags the nixmod command runs Node.js with: heapFlags() and jitFlags(). */
export declare function nodeFlags(): string[];
