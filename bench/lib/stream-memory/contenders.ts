// Each contender imports its library when it runs, so a process holds only the library it measures.

/** What a contender reports while it reads: every chunk, and the end (still holding its state). */
export interface Probe {
  chunk(): void;
  end(): void;
}

/** Reads the whole stream from `baseUrl`; returns chunks seen ("iterate") or text length ("accumulate"). */
export interface Contender {
  kind: "iterate" | "accumulate";
  run(baseUrl: string, probe: Probe): Promise<number>;
}

const KEY = "sk-or-v1-0000000000000000";
const REQUEST = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };

/** Reads every chunk, reporting each to the probe, then the end; returns how many there were. */
async function countChunks(stream: AsyncIterable<unknown>, probe: Probe): Promise<number> {
  let chunks = 0;
  for await (const _ of stream) {
    chunks++;
    probe.chunk();
  }
  probe.end();
  return chunks;
}

export const CONTENDERS: Record<string, Contender> = {
  "ChatStream (accumulate off)": {
    kind: "iterate",
    async run(baseUrl, probe) {
      const [{ createOpenRouter }, { streamChat }] = await Promise.all([
        import("@or/fetch"),
        import("@or/stream"),
      ]);
      const stream = await streamChat(
        createOpenRouter({ apiKey: KEY, baseUrl, retry: false }),
        REQUEST,
      );
      return countChunks(stream, probe);
    },
  },
  "ChatStream (accumulate on)": {
    kind: "accumulate",
    async run(baseUrl, probe) {
      const [{ createOpenRouter }, { streamChat }] = await Promise.all([
        import("@or/fetch"),
        import("@or/stream"),
      ]);
      const client = createOpenRouter({ apiKey: KEY, baseUrl, retry: false });
      const stream = await streamChat(client, REQUEST, { accumulate: true });
      for await (const _ of stream) probe.chunk();
      probe.end();
      const completion = await stream.finalCompletion();
      return String(completion.choices[0]?.message.content).length;
    },
  },
  "openai Stream": {
    kind: "iterate",
    async run(baseUrl, probe) {
      const { default: OpenAI } = await import("openai");
      const openai = new OpenAI({ apiKey: KEY, baseURL: baseUrl, maxRetries: 0 });
      const stream = await openai.chat.completions.create({ ...REQUEST, stream: true });
      return countChunks(stream, probe);
    },
  },
  "openai .stream() helper": {
    kind: "accumulate",
    async run(baseUrl, probe) {
      const { default: OpenAI } = await import("openai");
      const openai = new OpenAI({ apiKey: KEY, baseURL: baseUrl, maxRetries: 0 });
      const stream = openai.chat.completions.stream(REQUEST);
      for await (const _ of stream) probe.chunk();
      probe.end();
      const completion = await stream.finalChatCompletion();
      return String(completion.choices[0]?.message.content).length;
    },
  },
  "@openrouter/sdk stream": {
    kind: "iterate",
    async run(baseUrl, probe) {
      const { OpenRouter } = await import("@openrouter/sdk");
      const sdk = new OpenRouter({ apiKey: KEY, serverURL: baseUrl });
      const stream = await sdk.chat.send({ chatRequest: { ...REQUEST, stream: true } });
      if (!(Symbol.asyncIterator in stream)) throw new Error("@openrouter/sdk did not stream");
      return countChunks(stream, probe);
    },
  },
  "eventsource-parser + JSON.parse": {
    kind: "iterate",
    async run(baseUrl, probe) {
      const { createParser } = await import("eventsource-parser");
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ ...REQUEST, stream: true }),
      });
      let chunks = 0;
      const parser = createParser({
        onEvent(event) {
          if (event.data === "[DONE]") return;
          JSON.parse(event.data);
          chunks++;
          probe.chunk();
        },
      });
      const decoder = new TextDecoder();
      for await (const bytes of response.body!)
        parser.feed(decoder.decode(bytes, { stream: true }));
      probe.end();
      return chunks;
    },
  },
};
