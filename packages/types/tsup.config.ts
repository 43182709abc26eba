import { defineConfig } from "tsup";

// Types only: one declaration file serves `import` and `require`. It is CommonJS-format
// (`.d.cts`, beside an empty `.cjs` stub) because ESM may import CommonJS but not the reverse,
// so both resolution modes agree on its format (attw) and the 1 MB file ships once.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["cjs"],
  dts: true,
  clean: true,
  target: "es2022",
});
