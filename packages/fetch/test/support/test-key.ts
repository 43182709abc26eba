/** A placeholder key: `sk-or-v1-` and zeros only, never a real-looking one. */
export const TEST_KEY = `sk-or-v1-${"0".repeat(64)}`;

/** Headers asking the replay server for a named fixture and/or faults. */
export function replayHeaders(options: {
  fixture?: string;
  fault?: unknown;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.fixture) headers["x-or-fixture"] = options.fixture;
  if (options.fault !== undefined) headers["x-or-fault"] = JSON.stringify(options.fault);
  return headers;
}

/** The chat request the `sendChatCompletionRequest` fixtures answer. */
export const CHAT_BODY = {
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user" as const, content: "Which planet has the shortest year?" }],
  max_tokens: 64,
};
