/** `--max-old-space-size` for three quarters of the machine's memory (none below 4 GB). */
export declare function heapFlags(): string[];
/** V8 compiler flags for short evaluations (no inlining in TurboFan). */
export declare function jitFlags(): string[];
/** `--v8-pool-size`: one fewer background threads than the cores (none at Node's default of four). */
export declare function poolFlags(): string[];
/** The flags the nixmod command runs Node.js with: heapFlags(), jitFlags() and poolFlags(). */
export declare function nodeFlags(): string[];
/** Set jitFlags() in this process (V8 takes them at run time); returns them. */
export declare function setRuntimeFlags(): string[];
