import { describe, expectTypeOf, test } from "vitest";
import type {
  BaseResponsesResult,
  ChatFinishReasonEnum,
  ChatMessages,
  ChatRequest,
  ChatResult,
  ChatStreamChunk,
  DefaultParameters,
  ObservabilityDestination,
  OperationId,
  OperationIds,
  RequestBody,
  ResponseBody,
  TopProviderInfo,
  components,
  operations,
  paths,
} from "../src/index.js";

describe("requests", () => {
  test("a minimal chat request compiles: optional fields with defaults stay optional", () => {
    const request: ChatRequest = {
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "Hello" }],
    };
    expectTypeOf(request).toEqualTypeOf<ChatRequest>();
    expectTypeOf<RequestBody<"sendChatCompletionRequest">>().toEqualTypeOf<ChatRequest>();
    // `stream` has a default in the spec; with defaultNonNullable it would be required.
    expectTypeOf<ChatRequest["stream"]>().toEqualTypeOf<boolean | undefined>();
  });

  test("a request missing `messages` does not compile", () => {
    // @ts-expect-error messages is required
    const bad: ChatRequest = { model: "openai/gpt-4o" };
    expectTypeOf(bad).not.toBeAny();
  });
});

describe("discriminated unions narrow", () => {
  test("chat messages by role", () => {
    const narrow = (m: ChatMessages) => {
      if (m.role === "tool") expectTypeOf(m.tool_call_id).toEqualTypeOf<string>();
      if (m.role === "assistant") expectTypeOf(m).toHaveProperty("tool_calls");
    };
    expectTypeOf(narrow).toBeFunction();
  });

  test("observability destinations by type (allOf + description folded, no Omit)", () => {
    const narrow = (d: ObservabilityDestination) => {
      if (d.type === "arize") expectTypeOf(d.config).toHaveProperty("apiKey");
    };
    expectTypeOf(narrow).toBeFunction();
    type Fetched = ResponseBody<"getObservabilityDestination">["data"];
    expectTypeOf<Fetched>().toEqualTypeOf<ObservabilityDestination>();
  });
});

describe("overlays", () => {
  test("nullable fields accept null", () => {
    expectTypeOf<null>().toMatchTypeOf<TopProviderInfo["context_length"]>();
    expectTypeOf<null>().toMatchTypeOf<NonNullable<DefaultParameters>["temperature"]>();
    expectTypeOf<null>().toMatchTypeOf<BaseResponsesResult["instructions"]>();
    expectTypeOf<null>().toMatchTypeOf<BaseResponsesResult["top_logprobs"]>();
  });

  test("open enums keep their literals and accept new values", () => {
    expectTypeOf<"stop">().toMatchTypeOf<ChatFinishReasonEnum>();
    expectTypeOf<"a_reason_added_next_week">().toMatchTypeOf<ChatFinishReasonEnum>();
    expectTypeOf<42>().not.toMatchTypeOf<ChatFinishReasonEnum>();
    // Not widened to plain `string`: the union still lists the known values.
    expectTypeOf<Extract<ChatFinishReasonEnum, "tool_calls">>().toEqualTypeOf<"tool_calls">();
  });

  test("stream chunks tolerate string error codes and missing finish_reason", () => {
    expectTypeOf<string>().toMatchTypeOf<NonNullable<ChatStreamChunk["error"]>["code"]>();
    expectTypeOf<undefined>().toMatchTypeOf<ChatStreamChunk["choices"][number]["finish_reason"]>();
  });

  test("attribution headers are declared on every operation", () => {
    type Header = NonNullable<operations["getModels"]["parameters"]["header"]>;
    expectTypeOf<Header>().toHaveProperty("HTTP-Referer");
    expectTypeOf<Header>().toHaveProperty("X-OpenRouter-Title");
  });

  test("boolean query params are booleans", () => {
    type Query = NonNullable<operations["list"]["parameters"]["query"]>;
    expectTypeOf<Query["include_disabled"]>().toEqualTypeOf<boolean | undefined>();
  });

  test("binary bodies are Blobs", () => {
    type Content = NonNullable<operations["createAudioTranscriptions"]["requestBody"]>["content"];
    expectTypeOf<Content["multipart/form-data"]["file"]>().toEqualTypeOf<Blob>();
  });
});

describe("named schemas", () => {
  test("a schema's name and its components entry are one type", () => {
    expectTypeOf<components["schemas"]["ChatRequest"]>().toEqualTypeOf<ChatRequest>();
    expectTypeOf<ResponseBody<"sendChatCompletionRequest">>().toEqualTypeOf<ChatResult>();
  });

  test("a schema is still a Record<string, unknown> (a named alias, not an interface)", () => {
    expectTypeOf<ChatRequest>().toMatchTypeOf<Record<string, unknown>>();
  });
});

describe("operations", () => {
  test("the generated operation index is exactly the operations of `paths`", () => {
    expectTypeOf<OperationIds>().toEqualTypeOf<OperationId>();
  });

  test("a path entry points at its operation", () => {
    expectTypeOf<paths["/chat/completions"]["post"]>().toEqualTypeOf<
      operations["sendChatCompletionRequest"]
    >();
  });
});
