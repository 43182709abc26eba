import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

test("one declaration file serves both `import` and `require`", () => {
  const declarations = readdirSync(join(root, "dist")).filter((f) => /\.d\.[cm]?ts$/.test(f));
  expect(declarations).toEqual(["index.d.cts"]);
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  expect(pkg.exports["."]).toEqual({ types: "./dist/index.d.cts", default: "./dist/index.cjs" });
  expect(pkg.types).toBe("./dist/index.d.cts");
});
