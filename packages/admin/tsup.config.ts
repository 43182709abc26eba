import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "cli/or-admin": "src/cli/or-admin.ts" },
  format: ["esm", "cjs"],
  // Types for the library only; the CLI is run, not imported.
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  target: "es2022",
});
