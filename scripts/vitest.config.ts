import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests start tsx, tsc and the generator on the real spec in child processes: ~20 s for the
    // slowest on an idle machine, many times that on a loaded one. The limit only catches a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
