import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts a real runtime (a browser for two of them); installs may run in setup.
    // Many times slower on a loaded machine: the limit only catches a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
