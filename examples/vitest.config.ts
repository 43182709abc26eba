import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts the example as a user would (tsx, the or-admin CLI).
    testTimeout: 60_000,
  },
});
