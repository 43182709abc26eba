import type { ChatFinishReasonEnum, ChatResult, Model } from "@or/types";
import { describe, expectTypeOf, test } from "vitest";
import { createOpenRouter, unwrap, type OpenRouterClient } from "../src/index.js";

const client = createOpenRouter({ apiKey: "sk-or-v1-0" });

describe("typed calls", () => {
  test("chat completion: typed body and result, open enums intact", async () => {
    const { data, error } = await client.POST("/chat/completions", {
      body: { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
    });
    if (data) {
      expectTypeOf(data).toEqualTypeOf<ChatResult>();
      expectTypeOf(data.choices[0]!.finish_reason).toEqualTypeOf<ChatFinishReasonEnum>();
      expectTypeOf<"a_new_reason">().toMatchTypeOf<typeof data.choices[0]["finish_reason"]>();
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
