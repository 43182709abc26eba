import type { ChatFinishReasonEnum, ChatResult, Model } from "@or/types";
import { describe, expectTypeOf, test } from "vitest";
import {
  createOpenRouter,
  exchangeCode,
  getGeneration,
  responseMeta,
  unwrap,
  type GenerationStats,
  type OpenRouterClient,
  type OpenRouterError,
  type OpenRouterErrorKind,
  type RateLimitError,
  type ResponseMeta,
} from "../src/index.js";

const client = createOpenRouter({ apiKey: "sk-or-v1-0" });

describe("typed calls", () => {
  test("chat completion: typed body and result, open enums intact", async () => {
    const { data, error } = await client.POST("/chat/completions", {
      body: { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
    });
    if (data) {
      expectTypeOf(data).toEqualTypeOf<ChatResult>();
      expectTypeOf(data.choices[0]!.finish_reason).toEqualTypeOf<ChatFinishReasonEnum>();
      expectTypeOf<"a_new_reason">().toMatchTypeOf<(typeof data.choices)[0]["finish_reason"]>();
    }
    if (error) expectTypeOf(error.error.message).toBeString();
  });

  test("path params and query params are required where the spec says", async () => {
    // @ts-expect-error `params.path.hash` is required
    await client.GET("/keys/{hash}");
    const { data } = await client.GET("/keys/{hash}", { params: { path: { hash: "abc" } } });
    expectTypeOf(data).not.toBeAny();
    // @ts-expect-error `messages` is required in a chat request body
    await client.POST("/chat/completions", { body: { model: "openai/gpt-4o" } });
  });

  test("unwrap and throwOnError give data without an error branch", async () => {
    const models = await unwrap(client.GET("/models"));
    expectTypeOf(models.data).toEqualTypeOf<Model[]>();
    const throwing = createOpenRouter({ throwOnError: true });
    const result = await throwing.GET("/models");
    expectTypeOf(result.data.data).toEqualTypeOf<Model[]>();
    expectTypeOf(throwing).toMatchTypeOf<OpenRouterClient<true>>();
  });
});

describe("more typed surface", () => {
  test("options: apiKey forms, retry forms, logger levels", () => {
    createOpenRouter({
      apiKey: async () => "sk-or-v1-0",
      retry: false,
      logLevel: "debug",
      timeoutMs: 1000,
    });
    createOpenRouter({
      retry: { maxRetries: 5, statuses: [503], random: () => 0.5 },
      appCategories: "cli-agent",
    });
    // @ts-expect-error `retry` is an options object or false
    createOpenRouter({ retry: true });
    // @ts-expect-error no such log level
    createOpenRouter({ logLevel: "verbose" });
  });

  test("PUT, PATCH and DELETE are typed like GET and POST", async () => {
    const patch = await client.PATCH("/keys/{hash}", {
      params: { path: { hash: "h" } },
      body: { name: "n" },
    });
    if (patch.data) expectTypeOf(patch.data.data.name).toBeString();
    await client.PUT("/workspaces/{id}/budgets/{interval}", {
      params: { path: { id: "w", interval: "monthly" } },
      // @ts-expect-error `limit_usd` is a number
      body: { limit_usd: "300" },
    });
    const removed = await client.DELETE("/keys/{hash}", { params: { path: { hash: "h" } } });
    if (removed.data) expectTypeOf(removed.data.deleted).toEqualTypeOf<true>();
  });

  test("required query parameters, and parseAs stream", async () => {
    // @ts-expect-error `params.query.id` is required
    await client.GET("/generation", { params: { query: {} } });
    const { data } = await client.POST("/chat/completions", {
      body: { model: "m", messages: [{ role: "user", content: "Hi" }], stream: true },
      parseAs: "stream",
    });
    expectTypeOf(data).toEqualTypeOf<ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined>();
    const text = await client.GET("/credits", { parseAs: "text" });
    expectTypeOf(text.data).toEqualTypeOf<string | undefined>();
  });

  test("errors, metadata and helpers", async () => {
    expectTypeOf<RateLimitError>().toMatchTypeOf<OpenRouterError>();
    expectTypeOf<OpenRouterError["kind"]>().toEqualTypeOf<OpenRouterErrorKind>();
    expectTypeOf<OpenRouterError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OpenRouterError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf(responseMeta).returns.toEqualTypeOf<ResponseMeta>();
    expectTypeOf(getGeneration(client, "gen-1")).resolves.toEqualTypeOf<GenerationStats>();
    const { key } = await exchangeCode(client, { code: "c", codeVerifier: "v" });
    expectTypeOf(key).toBeString();
    client.use({ onRequest: ({ request }) => request });
  });
});
