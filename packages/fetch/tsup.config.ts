import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  // openapi-fetch stays a dependency: users who also import it share one copy.
  external: ["openapi-fetch"],
});
