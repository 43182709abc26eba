// `pnpm demo`: a streamed chat, chunk by chunk as it arrives, then what the API reported about it.
// With OPENROUTER_API_KEY set it talks to OpenRouter; without, to the replay server of
// @or/testing on 127.0.0.1, which answers from recorded fixtures; `--base-url` picks any server.
// `pnpm demo --help` says it all.
import { createOpenRouter, OpenRouterError } from "@or/fetch";
import { streamChat } from "@or/stream";
import type { ReplayServer } from "@or/testing";
import { parseDemoArgs, USAGE, UsageError, type DemoArgs } from "./demo/args";
import { chatFixtureKey, startPacedReplay } from "./demo/paced-replay";

/** Sent when there is no key: enough for a replay server, refused by OpenRouter. */
const PLACEHOLDER_KEY = "sk-or-v1-replay";

const HINTS: Partial<Record<OpenRouterError["kind"], string>> = {
  unauthorized: "Check OPENROUTER_API_KEY: the key is missing, wrong or disabled.",
  payment_required:
    "The account or key is out of credits: top up at https://openrouter.ai/settings/credits.",
  rate_limited: "Rate limited: wait a moment and try again.",
  connection: "Nothing answered at the base URL: is the server running (see --base-url)?",
  not_found:
    "--fixture names a recording of sendChatCompletionRequest (see @or/testing's fixtures).",
};

/** Where the demo sends its request, and what it says about it first. */
interface Target {
  apiKey: string;
  baseUrl?: string;
  headers: Record<string, string>;
  server?: ReplayServer;
}

/** Replay-only flags given when the demo does not start its replay server. */
function unusedReplayFlags(args: DemoArgs): string[] {
  return [
    ...(args.paceGiven ? ["--pace"] : []),
    ...(args.fixtureGiven && args.baseUrl === undefined ? ["--fixture"] : []),
  ];
}

async function target(args: DemoArgs, apiKey: string | undefined): Promise<Target> {
  const fixtureHeader = { "x-or-fixture": chatFixtureKey(args.fixture) };
  const unused = apiKey || args.baseUrl !== undefined ? unusedReplayFlags(args) : [];
  if (unused.length > 0)
    console.log(`${unused.join(" and ")}: only for the demo's own replay server; not used here.`);
  if (args.baseUrl !== undefined) {
    console.log(
      `Talking to ${args.baseUrl}${apiKey ? "" : " with a placeholder key (no OPENROUTER_API_KEY)"}.`,
    );
    if (args.fixtureGiven)
      console.log(`Asking it for the recording ${chatFixtureKey(args.fixture)}.`);
    console.log("");
    return {
      apiKey: apiKey ?? PLACEHOLDER_KEY,
      baseUrl: args.baseUrl,
      headers: args.fixtureGiven ? fixtureHeader : {},
    };
  }
  if (apiKey) return { apiKey, headers: {} };
  const server = await startPacedReplay(chatFixtureKey(args.fixture), args.paceMs);
  console.log(`Replay mode (no OPENROUTER_API_KEY): a replay server on ${server.url} plays the`);
  console.log(
    `recording ${chatFixtureKey(args.fixture)}, ${args.paceMs > 0 ? `paced ${args.paceMs} ms a chunk (the recording keeps no timing)` : "unpaced"}.`,
  );
  console.log(
    args.ignoredInReplay.length > 0
      ? `${args.ignoredInReplay.join(" and ")} ${args.ignoredInReplay.length > 1 ? "are" : "is"} sent, but the answer is the recording; set OPENROUTER_API_KEY for a live one.`
      : "--prompt and --model would not change the answer; set OPENROUTER_API_KEY for a live one.",
  );
  console.log("");
  return { apiKey: PLACEHOLDER_KEY, baseUrl: server.url, headers: fixtureHeader, server };
}

async function chat(args: DemoArgs, to: Target): Promise<void> {
  const client = createOpenRouter({
    apiKey: to.apiKey,
    baseUrl: to.baseUrl,
    appTitle: "or-sdk demo",
  });
  const stream = await streamChat(
    client,
    { model: args.model, messages: [{ role: "user", content: args.prompt }] },
    { headers: to.headers },
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
}

async function main(argv: readonly string[]): Promise<number> {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`demo: ${error.message} See: pnpm demo --help`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const to = await target(args, process.env.OPENROUTER_API_KEY || undefined);
  try {
    await chat(args, to);
    return 0;
  } catch (error) {
    if (!(error instanceof OpenRouterError)) throw error;
    console.error(`\nError: ${error.message}`);
    // The not_found hint is about recordings: only when one was asked for.
    const hint =
      error.kind === "not_found" && !to.headers["x-or-fixture"] ? undefined : HINTS[error.kind];
    if (hint) console.error(hint);
    return 1;
  } finally {
    await to.server?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
