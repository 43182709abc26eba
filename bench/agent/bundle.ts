/**
 * Bundle of the same two-tool app (a streamed tool loop, two zod 4 tools) on @or/agent, on
 * openai's `runTools` and on @openrouter/agent's `callModel`: `agent/entries/`, bundled like the
 * other bundle rows (ESM, browser, minified, tree-shaken, gzip -9) with zod left out, so that the
 * libraries themselves are compared. Needs `pnpm build` (ours are bundled from dist/).
 *
 *   pnpm --filter @or/bench exec tsx agent/bundle.ts
 */
import { fileURLToPath } from "node:url";
import { bundleSize, type BundleSize } from "../size/bundle.ts";

export const AGENT_ENTRIES = {
  "@or/agent": "or-agent.ts",
  "openai runTools": "openai-run-tools.ts",
  "@openrouter/agent callModel": "openrouter-agent.ts",
} as const;

export type AgentBundleResult = Record<keyof typeof AGENT_ENTRIES, BundleSize>;

export async function measureAgentBundles(): Promise<AgentBundleResult> {
  const result = {} as AgentBundleResult;
  for (const [name, file] of Object.entries(AGENT_ENTRIES) as [
    keyof typeof AGENT_ENTRIES,
    string,
  ][]) {
    const entry = fileURLToPath(new URL(`./entries/${file}`, import.meta.url));
    result[name] = await bundleSize(entry, false, ["zod", "zod/*"]);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureAgentBundles();
  const ours = result["@or/agent"].gzip;
  for (const [name, size] of Object.entries(result)) {
    console.log(
      `${name.padEnd(28)} ${(size.gzip / 1000).toFixed(2).padStart(7)} kB min+gzip  ${(size.minified / 1000).toFixed(1).padStart(7)} kB min  ours ÷ this ${(ours / size.gzip).toFixed(2)}`,
    );
    for (const p of size.packages.slice(0, 6))
      console.log(`    ${p.name.padEnd(36)} ${(p.bytes / 1000).toFixed(1)} kB min`);
  }
}
