import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type-checks consumers: many times slower on a loaded machine; the limit only catches a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
