import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "cli/or-admin": "src/cli/or-admin.ts" },
  format: ["esm", "cjs"],
  // Types for the library only; the CLI is run, not imported.
  dts: { entry: { index: "src/index.ts" } },
  // `import.meta.url` (the CLI reads its version from package.json) works in the CommonJS build too.
  shims: true,
  clean: true,
  target: "es2022",
});
