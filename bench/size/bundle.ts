import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const SOURCE_ALIASES = Object.fromEntries(
  ["fetch", "stream", "agent"].map((name) => [
    `@or/${name}`,
    fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

/** What one entry costs a browser bundle. */
export interface BundleSize {
  /** Minified bytes. */
  minified: number;
  /** Minified, then gzip level 9. */
  gzip: number;
  /** Minified bytes each package contributes, largest first. */
  packages: { name: string; bytes: number }[];
}

/**
 * Bundles one entry the way an app's bundler would (ESM, browser, minified, tree-shaken) from
 * the built `dist/` of our packages and the installed peers, and measures it.
 */
export async function bundleSize(
  entry: string,
  fromSources = false,
  /** Packages left out (the app has them anyway), e.g. the schema library. */
  external: string[] = [],
): Promise<BundleSize> {
  const result = await build({
    external,
    // From sources: sizes per file (`pnpm size --src`), without a build first.
    alias: fromSources ? SOURCE_ALIASES : {},
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = fromSources ? sourceOf(path) : packageOf(path);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  const packages = [...byPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .filter((p) => p.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, packages };
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/...` → `@scope/name`; `packages/fetch/dist` → `@or/fetch`. */
function packageOf(path: string): string {
  const nodeModules = path.lastIndexOf("node_modules/");
  if (nodeModules >= 0) {
    const [first, second] = path.slice(nodeModules + "node_modules/".length).split("/");
    return first!.startsWith("@") ? `${first}/${second}` : first!;
  }
  const workspace = /packages\/([^/]+)\//.exec(path);
  if (workspace) return `@or/${workspace[1]}`;
  return "(entry)";
}

/** With `--src`: `packages/stream/src/read-loop.ts` → `@or/stream/read-loop.ts`. */
function sourceOf(path: string): string {
  const source = /packages\/([^/]+)\/src\/(.+)$/.exec(path);
  return source ? `@or/${source[1]}/${source[2]}` : packageOf(path);
}
