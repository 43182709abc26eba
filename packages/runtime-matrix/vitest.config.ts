import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts a real runtime (a browser for two of them); installs may run in setup.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
