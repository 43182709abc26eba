// workerd test driver for examples/cloudflare-worker: POSTs a prompt to the example Worker
// through a service binding, reads its answer with `ChatStream.fromReadableStream` and logs
// `RUN_SUMMARY {...}`.
import { ChatStream } from "@or/stream";
import { summarizeStream } from "../stream-summary";

interface Env {
  EXAMPLE: { fetch(input: string, init?: RequestInit): Promise<Response> };
}

export default {
  async test(_controller: unknown, env: Env): Promise<void> {
    const wrongMethod = await env.EXAMPLE.fetch("http://example.worker/");
    const response = await env.EXAMPLE.fetch("http://example.worker/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "What does a lighthouse keeper do?" }),
    });
    if (!response.ok || !response.body)
      throw new Error(`example worker: ${response.status} ${await response.text()}`);
    const summary = {
      getStatus: wrongMethod.status,
      contentType: response.headers.get("content-type"),
      ...(await summarizeStream(ChatStream.fromReadableStream(response.body))),
    };
    console.log(`RUN_SUMMARY ${JSON.stringify(summary)}`);
  },
};
