/** The nixmod command, run from its TypeScript sources (see command.ts). */
import { run } from "./command.js";

await run();
