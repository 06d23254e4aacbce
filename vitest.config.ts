import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string): string => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // `import ... from "nixmod"` (examples, user modules) runs the sources under test,
    // like the nixmod-source export condition does for tsc and the CLI.
    alias: [
      { find: /^nixmod$/, replacement: src("index.ts") },
      { find: /^nixmod\/modules$/, replacement: src("modules/index.ts") },
      { find: /^nixmod\/build$/, replacement: src("build/index.ts") },
      { find: /^nixmod\/diff$/, replacement: src("diff/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/traces.setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 60_000,
  },
});
