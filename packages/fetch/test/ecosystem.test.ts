// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import createQueryHooks from "openapi-react-query";
import { createElement, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { createQueryHook } from "swr-openapi";
import type { paths } from "@or/types";
import type { Client } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { createOpenRouter } from "../src/index.js";
import { useReplayServer } from "./support/replay.js";
import { CHAT_BODY, replayHeaders, TEST_KEY } from "./support/test-key.js";

// The libraries built on openapi-fetch take our client as it is, against the replay server.
// Their parameter type is openapi-fetch's `Client`, whose method types differ from ours only
// by the `Readable`/`Writable` markers (see client-types.ts), hence one cast each.

const replay = useReplayServer();
const client = () =>
  createOpenRouter({ apiKey: TEST_KEY, baseUrl: replay.server.url, retry: false });
type EngineClient = Client<paths, "application/json">;

function reactQuery() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children);
  return { $api: createQueryHooks(client() as unknown as EngineClient), wrapper };
}

describe("openapi-react-query", () => {
  test("useQuery on GET /models", async () => {
    const { $api, wrapper } = reactQuery();
    const { result } = renderHook(() => $api.useQuery("get", "/models"), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const data = result.current.data as { data: { id: string }[] };
    expect(data.data.length).toBeGreaterThan(0);
    expect(typeof data.data[0]?.id).toBe("string");
    expect(replay.server.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  test("useMutation on a chat completion", async () => {
    const { $api, wrapper } = reactQuery();
    const { result } = renderHook(() => $api.useMutation("post", "/chat/completions"), {
      wrapper,
    });
    let answer: unknown;
    await act(async () => {
      answer = await result.current.mutateAsync({ body: CHAT_BODY });
    });
    const completion = answer as { choices: { message: { content: string } }[] };
    expect(completion.choices[0]?.message.content).toBe("Mercury, at about 88 Earth days.");
    expect(replay.server.requests[0]?.body).toEqual(CHAT_BODY);
  });

  test("an error answer is the query's error, in the API's error shape", async () => {
    const { $api, wrapper } = reactQuery();
    const headers = replayHeaders({ fault: { type: "status-sequence", statuses: [402] } });
    const { result } = renderHook(() => $api.useQuery("get", "/credits", { headers }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error as unknown as { error: { code: number; message: string } };
    expect(error.error.code).toBe(402);
    expect(typeof error.error.message).toBe("string");
  });
});

describe("swr-openapi", () => {
  const swrWrapper = ({ children }: { children: ReactNode }) =>
    createElement(
      SWRConfig,
      { value: { provider: () => new Map(), shouldRetryOnError: false } },
      children,
    );

  test("a query hook on GET /models, and an error answer as its error", async () => {
    const useQuery = createQueryHook(client() as unknown as EngineClient, "or");
    const models = renderHook(() => useQuery("/models"), { wrapper: swrWrapper });
    await waitFor(() => expect(models.result.current.data).toBeDefined());
    expect((models.result.current.data as { data: unknown[] }).data.length).toBeGreaterThan(0);

    const headers = replayHeaders({ fault: { type: "status-sequence", statuses: [404] } });
    const failing = renderHook(() => useQuery("/credits", { headers }), {
      wrapper: swrWrapper,
    });
    await waitFor(() => expect(failing.result.current.error).toBeDefined());
    expect((failing.result.current.error as { error: { code: number } }).error.code).toBe(404);
  });
});
