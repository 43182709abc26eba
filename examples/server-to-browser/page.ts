// Browser code: posts the prompt to our server's /api/chat and renders the answer token by
// token. The server re-emits the OpenRouter stream as SSE bytes, and
// `ChatStream.fromReadableStream` turns them back into typed chunks here.
import { ChatStream } from "@or/stream";

const form = document.querySelector<HTMLFormElement>("#ask")!;
const answer = document.querySelector<HTMLElement>("#answer")!;
const status = document.querySelector<HTMLElement>("#status")!;
let current: AbortController | undefined;

form.addEventListener("submit", (event) => {
  event.preventDefault();
  current?.abort();
  current = new AbortController();
  const prompt = String(new FormData(form).get("prompt") ?? "");
  void ask(prompt, current.signal);
});

async function ask(prompt: string, signal: AbortSignal): Promise<void> {
  answer.textContent = "";
  status.textContent = "…";
  status.dataset.state = "streaming";
  try {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt }),
      signal,
    });
    if (!response.ok || !response.body)
      throw new Error(`${response.status}: ${await response.text()}`);
    const stream = ChatStream.fromReadableStream(response.body, { signal });
    for await (const text of stream.textStream) answer.append(text);
    const completion = await stream.finalCompletion();
    const usage = completion.usage;
    status.textContent = `${completion.choices[0]?.finish_reason ?? "no finish reason"}${usage ? `, ${usage.total_tokens} tokens` : ""}`;
    status.dataset.state = "done";
  } catch (error) {
    status.textContent = `Error: ${(error as Error).message}`;
    status.dataset.state = "error";
  }
}
