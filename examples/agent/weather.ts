// A model that calls a tool (twice, in parallel), then answers; then a forecast as structured
// output, shown as it grows. Run: `pnpm --filter @or/examples agent` (after `pnpm build`).
// With OPENROUTER_API_KEY set it talks to OpenRouter; without, to the replay server of
// @or/testing on 127.0.0.1, which answers from the fixtures in agent/fixtures.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { defineTool, runTools, streamParsed } from "@or/agent";
import { createOpenRouter } from "@or/fetch";
import { loadFixtures, startReplayServer } from "@or/testing";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "openai/gpt-4o-mini" },
    prompt: { type: "string", default: "Is it warmer in Lisbon or in Oslo right now?" },
  },
});

/** The weather service of this example: a table, so that it runs offline. */
const WEATHER = new Map([
  ["lisbon", { celsius: 21, sky: "sunny" }],
  ["oslo", { celsius: 4, sky: "light rain" }],
]);

const getWeather = defineTool({
  name: "get_weather",
  description: "The current weather in a city",
  parameters: z.object({ city: z.string().describe("The city, e.g. Paris") }),
  execute: async ({ city }) => WEATHER.get(city.toLowerCase()) ?? `No weather known for ${city}.`,
});

const Forecast = z.object({
  city: z.string(),
  celsius: z.number(),
  sky: z.string(),
  advice: z.string(),
});

const apiKey = process.env.OPENROUTER_API_KEY;
const fixtures = fileURLToPath(new URL("fixtures", import.meta.url));
const replay = apiKey
  ? undefined
  : await startReplayServer({ fixtures: loadFixtures(fixtures), record: false });
if (replay) console.log(`No OPENROUTER_API_KEY: replaying recorded answers from ${replay.url}\n`);

try {
  const client = createOpenRouter({
    apiKey: apiKey ?? "sk-or-v1-replay",
    baseUrl: replay?.url,
    appTitle: "or-sdk agent example",
  });
  const messages = [{ role: "user" as const, content: values.prompt! }];

  const run = runTools(client, { model: values.model!, messages, tools: [getWeather] });
  for await (const event of run) {
    if (event.type === "text") process.stdout.write(event.text);
    if (event.type === "toolCall") {
      console.log(`→ ${event.toolCall.function.name}(${event.toolCall.function.arguments})`);
    }
    if (event.type === "toolResult") console.log(`← ${event.content}`);
  }
  console.log(
    `\n\nsteps: ${run.steps.map((s) => `${s.finishReason} (${s.generationId})`).join(", ")}`,
  );
  console.log(`tokens: ${run.usage?.total_tokens}, cost: $${run.usage?.cost?.toFixed(7)}\n`);

  const answer = await streamParsed(
    client,
    {
      model: values.model!,
      messages: [
        { role: "user", content: "The forecast for Lisbon today, with one piece of advice." },
      ],
    },
    { schema: Forecast, name: "forecast" },
  );
  for await (const partial of answer.partials) console.log(`partial: ${JSON.stringify(partial)}`);
  const forecast = await answer.final();
  console.log(`forecast: ${forecast.celsius} °C in ${forecast.city}. ${forecast.advice}`);
} finally {
  await replay?.close();
}
