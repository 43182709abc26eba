// The scripted set of real calls the live contract check makes: few, cheap, and each showing a
// part of the API the SDK depends on. Each says what it expects beyond the spec (a drift there is
// a changed behaviour the spec cannot show, such as a tool call that no longer streams).
import type { SseItem } from "../src/index";

type Json = Record<string, any>;

/** What a call got back: status, and the body as JSON or as parsed SSE items. */
export interface CallAnswer {
  status: number;
  body?: unknown;
  sse?: SseItem[];
}

export interface ScriptedCall {
  /** Short name used in the report. */
  name: string;
  method: "GET" | "POST";
  /** Below the API base: `/chat/completions`. */
  path: string;
  body?: Json;
  /** The status the call must get. */
  status: number;
  /** What else must hold of the answer; each string is one drift. */
  expect(answer: CallAnswer): string[];
}

const events = (answer: CallAnswer): Json[] =>
  (answer.sse ?? []).flatMap((item) =>
    "data" in item && typeof item.data === "object" && item.data !== null
      ? [item.data as Json]
      : [],
  );
const endsWithDone = (answer: CallAnswer): boolean => {
  const last = (answer.sse ?? []).filter((item) => "data" in item).at(-1);
  return last !== undefined && "data" in last && last.data === "[DONE]";
};
const check = (ok: boolean, drift: string) => (ok ? [] : [drift]);

const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city.",
    parameters: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
    },
  },
};

/** The calls, in order, for a model (a small, cheap one by default). */
export function scriptedCalls(model: string): ScriptedCall[] {
  return [
    {
      name: "chat",
      method: "POST",
      path: "/chat/completions",
      body: { model, messages: [{ role: "user", content: "Say OK." }], max_tokens: 16 },
      status: 200,
      expect: (a) => {
        const body = a.body as Json | undefined;
        return [
          ...check(Array.isArray(body?.choices) && body.choices.length > 0, "no choices"),
          ...check(typeof body?.usage?.total_tokens === "number", "no usage.total_tokens"),
        ];
      },
    },
    {
      name: "streamed chat with a tool call",
      method: "POST",
      path: "/chat/completions",
      body: {
        model,
        messages: [{ role: "user", content: "What is the weather in Lisbon?" }],
        tools: [WEATHER_TOOL],
        tool_choice: { type: "function", function: { name: "get_weather" } },
        stream: true,
      },
      status: 200,
      expect: (a) => {
        const calls = events(a).flatMap((chunk) =>
          (chunk.choices ?? []).flatMap((choice: Json) => choice.delta?.tool_calls ?? []),
        );
        const args = calls.map((call: Json) => call.function?.arguments ?? "").join("");
        return [
          ...check(
            calls.some((call: Json) => call.function?.name === "get_weather"),
            "no get_weather tool call in the stream",
          ),
          ...check(isJson(args), "the tool call's argument fragments do not join into JSON"),
          ...check(
            events(a).filter((chunk) => chunk.usage).length === 1,
            "not exactly one usage chunk",
          ),
          ...check(endsWithDone(a), "the stream does not end with [DONE]"),
        ];
      },
    },
    {
      name: "Responses stream",
      method: "POST",
      path: "/responses",
      body: { model, input: "Say OK.", max_output_tokens: 16, stream: true },
      status: 200,
      expect: (a) => {
        const types = events(a).map((e) => e.type);
        return [
          ...check(types[0] === "response.created", `first event is ${types[0]}`),
          ...check(types.includes("response.completed"), "no response.completed event"),
          ...check(endsWithDone(a), "the stream does not end with [DONE]"),
        ];
      },
    },
    {
      name: "models",
      method: "GET",
      path: "/models",
      status: 200,
      expect: (a) => check(((a.body as Json)?.data?.length ?? 0) > 0, "no models listed"),
    },
    {
      name: "key",
      method: "GET",
      path: "/key",
      status: 200,
      expect: (a) => check(typeof (a.body as Json)?.data === "object", "no data object"),
    },
    {
      name: "deliberate 400 (temperature 7)",
      method: "POST",
      path: "/chat/completions",
      body: { model, messages: [{ role: "user", content: "hi" }], temperature: 7 },
      status: 400,
      expect: (a) => {
        const error = (a.body as Json)?.error;
        return [
          ...check(error?.code === 400, `error.code is ${JSON.stringify(error?.code)}, not 400`),
          ...check(typeof error?.message === "string", "no error.message"),
        ];
      },
    },
  ];
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
