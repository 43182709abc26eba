import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  // Dependencies stay external: users who also import them share one copy.
  external: ["eventsource-parser"],
});
