// The same app on openai's runTools, streamed, with zodFunction tools.
import OpenAI from "openai";
import { zodFunction } from "openai/helpers/zod";
import { PROMPT, Time, timeIn, Weather, weatherOf } from "./schemas";

const client = new OpenAI({ apiKey: "sk-or-v1-example", baseURL: "https://openrouter.ai/api/v1" });
const runner = client.chat.completions.runTools({
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: PROMPT }],
  stream: true,
  tools: [
    zodFunction({ name: "get_weather", parameters: Weather, function: weatherOf }),
    zodFunction({ name: "get_time", parameters: Time, function: timeIn }),
  ],
});
runner.on("content", (text) => console.log(text));
console.log(await runner.finalContent());
