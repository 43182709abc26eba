/**
 * The recorded-looking chat stream the benchmark reads: `chunks` content chunks in OpenRouter's
 * shape (a few words each, every 40th a tool-call fragment), a stop chunk, a usage chunk and
 * `[DONE]`, with a keep-alive comment first.
 */
export function chatStreamBytes(chunks: number): Uint8Array {
  const head = `"id":"gen-1767225600-Lh4TqW8nVb2KpXe6RzYa","object":"chat.completion.chunk","created":1767225600,"model":"openai/gpt-4o","provider":"OpenAI"`;
  const words = [
    "The",
    " lighthouse",
    " keeper",
    " trims",
    " the",
    " wick,",
    " logs",
    " the",
    " wind",
    " and",
    " waits.",
  ];
  const parts: string[] = [": OPENROUTER PROCESSING\n\n"];
  const line = (choice: string) => `data: {${head},"choices":[${choice}]}\n\n`;
  parts.push(
    line(
      `{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null}`,
    ),
  );
  parts.push(
    line(
      `{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_0","type":"function","function":{"name":"note","arguments":""}}]},"finish_reason":null,"native_finish_reason":null}`,
    ),
  );
  for (let i = 0; i < chunks; i++) {
    const delta =
      i % 40 === 39
        ? `{"tool_calls":[{"index":0,"function":{"arguments":"{\\"n\\":${i}}"}}]}`
        : `{"content":${JSON.stringify(words[i % words.length])}}`;
    parts.push(
      line(`{"index":0,"delta":${delta},"finish_reason":null,"native_finish_reason":null}`),
    );
  }
  parts.push(
    line(`{"index":0,"delta":{"content":""},"finish_reason":"stop","native_finish_reason":"stop"}`),
  );
  parts.push(
    `data: {${head},"choices":[],"usage":{"prompt_tokens":19,"completion_tokens":${chunks},"total_tokens":${chunks + 19},"cost":0.01}}\n\n`,
  );
  parts.push("data: [DONE]\n\n");
  return new TextEncoder().encode(parts.join(""));
}

/** The bytes as a body read `readSize` bytes at a time (views, no copies). */
export function bodyOf(bytes: Uint8Array, readSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + readSize));
      offset += readSize;
    },
  });
}

/** The same body as an HTTP response, for clients that want one. */
export function responseOf(bytes: Uint8Array, readSize: number): Response {
  return new Response(bodyOf(bytes, readSize), {
    status: 200,
    headers: { "content-type": "text/event-stream", "x-generation-id": "gen-bench" },
  });
}
