// A two-tool app on @or/agent: the loop streamed, text printed as it comes.
import { defineTool, runTools } from "@or/agent";
import { createOpenRouter } from "@or/fetch";
import { PROMPT, Time, timeIn, Weather, weatherOf } from "./schemas";

const client = createOpenRouter({ apiKey: "sk-or-v1-example" });
const weather = defineTool({ name: "get_weather", parameters: Weather, execute: weatherOf });
const time = defineTool({ name: "get_time", parameters: Time, execute: timeIn });

const run = runTools(client, {
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: PROMPT }],
  tools: [weather, time],
});
for await (const event of run) if (event.type === "text") console.log(event.text);
console.log(await run.finalText());
