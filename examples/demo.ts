// `pnpm demo`: a streamed chat, token by token, then what the API reported about it.
// With OPENROUTER_API_KEY set it talks to OpenRouter; without, to the replay server of
// @or/testing on 127.0.0.1, which answers from recorded fixtures.
import { parseArgs } from "node:util";
import { createOpenRouter, OpenRouterError } from "@or/fetch";
import { streamChat } from "@or/stream";
import { startReplayServer, type ReplayServer } from "@or/testing";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "openai/gpt-4o" },
    prompt: { type: "string", default: "What does a lighthouse keeper do?" },
    fixture: { type: "string", default: "stream-text" },
  },
});

const HINTS: Record<string, string> = {
  unauthorized: "Check OPENROUTER_API_KEY: the key is missing, wrong or disabled.",
  payment_required:
    "The account or key is out of credits: top up at https://openrouter.ai/settings/credits.",
  rate_limited: "Rate limited: wait a moment and try again.",
};

async function main(): Promise<number> {
  const apiKey = process.env.OPENROUTER_API_KEY;
  let server: ReplayServer | undefined;
  if (!apiKey) {
    server = await startReplayServer();
    console.log(`No OPENROUTER_API_KEY: replaying a recorded stream from ${server.url}\n`);
  }
  try {
    const client = createOpenRouter({
      apiKey: apiKey ?? "sk-or-v1-replay",
      baseUrl: server?.url,
      appTitle: "or-sdk demo",
    });
    const stream = await streamChat(
      client,
      { model: values.model!, messages: [{ role: "user", content: values.prompt! }] },
      { headers: server ? { "x-or-fixture": `sendChatCompletionRequest/${values.fixture}` } : {} },
    );
    for await (const text of stream.textStream) process.stdout.write(text);
    const completion = await stream.finalCompletion();
    const choice = completion.choices[0];
    const usage = completion.usage;
    console.log("\n");
    console.log(
      `model          ${completion.model}${completion.provider ? ` (via ${completion.provider})` : ""}`,
    );
    console.log(`finish reason  ${choice?.finish_reason ?? "none"}`);
    console.log(
      `tokens         ${usage ? `${usage.prompt_tokens} in, ${usage.completion_tokens} out, ${usage.total_tokens} total` : "not reported"}`,
    );
    console.log(`cost           ${usage?.cost != null ? `$${usage.cost}` : "not reported"}`);
    console.log(`generation id  ${stream.generationId ?? "not reported"}`);
    return 0;
  } catch (error) {
    if (!(error instanceof OpenRouterError)) throw error;
    console.error(`\nError: ${error.message}`);
    const hint = HINTS[error.kind];
    if (hint) console.error(hint);
    return 1;
  } finally {
    await server?.close();
  }
}

process.exitCode = await main();
