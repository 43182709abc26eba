import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests must hold on a slow, loaded machine: no wall-clock margins, so the limit only catches a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
