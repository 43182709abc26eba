import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test starts the example as a user would (tsx, the or-admin CLI): seconds on an idle
    // machine, many times that on a loaded one. The limit only catches a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
