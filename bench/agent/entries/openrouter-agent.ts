// The same app on @openrouter/agent's callModel, streamed, with its tool() helper.
import { callModel, OpenRouter, tool } from "@openrouter/agent";
import { PROMPT, Time, timeIn, Weather, weatherOf } from "./schemas";

const client = new OpenRouter({ apiKey: "sk-or-v1-example" });
const result = callModel(client, {
  model: "openai/gpt-4o-mini",
  input: PROMPT,
  tools: [
    tool({ name: "get_weather", inputSchema: Weather, execute: weatherOf }),
    tool({ name: "get_time", inputSchema: Time, execute: timeIn }),
  ] as const,
});
for await (const text of result.getTextStream()) console.log(text);
console.log(await result.getText());
