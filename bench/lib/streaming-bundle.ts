import { bundleSize, type BundleSize } from "../size/bundle.ts";
import { entryPath } from "../size.ts";

/**
 * The smallest streaming consumer of each library (a streamed chat completion, its text joined),
 * bundled alike: see `size/entries/`.
 */
export const STREAMING_ENTRIES = {
  "@or/fetch + @or/stream": "stream-chat.ts",
  "@openrouter/sdk (standalone functions)": "openrouter-sdk-stream.ts",
  "@openrouter/sdk (OpenRouter class)": "openrouter-sdk-class-stream.ts",
  openai: "openai-stream.ts",
  "eventsource-parser + fetch": "eventsource-parser-stream.ts",
} as const;

export type StreamingBundleResult = Record<string, BundleSize>;

export async function measureStreamingBundles(): Promise<StreamingBundleResult> {
  const result: StreamingBundleResult = {};
  for (const [name, entry] of Object.entries(STREAMING_ENTRIES))
    result[name] = await bundleSize(entryPath(entry));
  return result;
}
