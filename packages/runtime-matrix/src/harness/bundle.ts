import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ENTRIES_DIR = fileURLToPath(new URL("../entries/", import.meta.url));

/** One self-contained ES module per kind of runtime, so none of them resolves packages. */
export interface Bundles {
  /** Node, Bun and Deno: `<runtime> cli.mjs <apiBase> <name>`. */
  cli: string;
  /** workerd: a module with a `test()` handler. */
  worker: string;
  /** The browser page's script: sets `window.__matrix`. */
  browser: string;
}

/** Bundles the matrix entries (`src/entries/*.ts`) into `outdir`. */
export async function bundleEntries(outdir: string): Promise<Bundles> {
  assertBuilt(["@or/fetch", "@or/stream", "@or/agent"]);
  const bundles: Bundles = {
    cli: join(outdir, "cli.mjs"),
    worker: join(outdir, "worker.mjs"),
    browser: join(outdir, "browser.mjs"),
  };
  for (const [entry, outfile] of Object.entries(bundles)) {
    await bundleModule(
      join(ENTRIES_DIR, `${entry}.ts`),
      outfile,
      entry === "browser" ? "browser" : "neutral",
    );
  }
  return bundles;
}

/**
 * One ES module with everything it imports inlined. Packages resolve to their `import` export,
 * the built ESM of @or/fetch and @or/stream: exactly what an app's bundler would pick.
 */
export async function bundleModule(
  entry: string,
  outfile: string,
  platform: "browser" | "neutral",
): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform,
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  return outfile;
}

export const entryPath = (name: string) => join(ENTRIES_DIR, `${name}.ts`);

/** The bundles are made from `dist/`: say so plainly when it is missing. */
function assertBuilt(packages: string[]): void {
  const require = createRequire(import.meta.url);
  for (const name of packages) {
    const dist = join(dirname(require.resolve(`${name}/package.json`)), "dist", "index.js");
    if (!existsSync(dist))
      throw new Error(
        `${dist} is missing: build first (pnpm build, or pnpm --filter ${name} build).`,
      );
  }
}
