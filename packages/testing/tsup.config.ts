import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "cli/or-replay": "src/cli/or-replay.ts" },
  format: ["esm", "cjs"],
  // Types for the library only; the CLI is run, not imported.
  dts: { entry: { index: "src/index.ts" } },
  // `import.meta.url` (fixture and schema locations) must work in the CommonJS build too.
  shims: true,
  clean: true,
  target: "es2022",
});
