import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, test } from "vitest";
import { createOpenRouter, type FetchFn } from "../src/index.js";
import { sendJson, startLoopbackServer, type LoopbackServer } from "./support/loopback-server.js";
import { TEST_KEY } from "./support/test-key.js";

// openapi-fetch is the engine: what its users expect holds on our client, as the upstream
// documentation describes it. Each case sends to a real server on 127.0.0.1.

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function echoServer() {
  server = await startLoopbackServer((request, res) => {
    if (request.method !== "HEAD")
      return sendJson(res, 200, { data: { method: request.method, url: request.url } });
    res.writeHead(200, { "content-type": "application/json" }).end();
  });
  return server;
}

const clientOf = (origin: string, options: Parameters<typeof createOpenRouter>[0] = {}) =>
  createOpenRouter({ apiKey: TEST_KEY, baseUrl: `${origin}/api/v1`, retry: false, ...options });

describe("openapi-fetch runs every call", () => {
  test("@or/fetch depends on openapi-fetch and its build imports it", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.dependencies["openapi-fetch"]).toMatch(/^\d/);
    const engine = createRequire(import.meta.url).resolve("openapi-fetch/package.json");
    expect(JSON.parse(readFileSync(engine, "utf8")).version).toBe(
      pkg.dependencies["openapi-fetch"],
    );
  });

  test("OPTIONS, HEAD and request() are sent with their method; TRACE as openapi-fetch does", async () => {
    const { origin, requests } = await echoServer();
    const client = clientOf(origin);
    const any = client as unknown as Record<
      string,
      (path: string) => Promise<{ response: Response }>
    >;
    for (const method of ["OPTIONS", "HEAD"]) {
      expect((await any[method]!("/models")).response.status).toBe(200);
    }
    const { data } = await client.request("get", "/models");
    expect(data).toEqual({ data: { method: "GET", url: "/api/v1/models" } });
    // Fetch forbids TRACE: the runtime's own TypeError, exactly as with openapi-fetch alone.
    const alone = createClient<any>({ baseUrl: origin });
    const theirs = await alone.TRACE("/models", {}).catch((error: unknown) => error);
    await expect(any.TRACE!("/models")).rejects.toThrow((theirs as Error).message);
    expect(requests.map((r) => r.method)).toEqual(["OPTIONS", "HEAD", "GET"]);
    expect(requests.every((r) => r.headers.authorization === `Bearer ${TEST_KEY}`)).toBe(true);
  });

  test("client-level querySerializer (options and function) and pathSerializer", async () => {
    const { origin, requests } = await echoServer();
    const styled = clientOf(origin, {
      querySerializer: { array: { style: "pipeDelimited", explode: false } },
    });
    await styled.GET("/models", { params: { query: { category: ["a", "b"] as never } } });
    const custom = clientOf(origin, {
      querySerializer: () => "custom=1",
      pathSerializer: (path, params) => path.replace("{hash}", `h-${String(params.hash)}`),
    });
    await custom.GET("/keys/{hash}", { params: { path: { hash: "x" } } });
    expect(requests.map((r) => r.url)).toEqual([
      "/api/v1/models?category=a|b",
      "/api/v1/keys/h-x?custom=1",
    ]);
  });

  test("client-level bodySerializer", async () => {
    const { origin, requests } = await echoServer();
    const client = clientOf(origin, {
      bodySerializer: (body) => JSON.stringify({ wrapped: body }),
    });
    await client.POST("/chat/completions", {
      body: { model: "m", messages: [{ role: "user", content: "Hi" }] },
    });
    expect(JSON.parse(requests[0]!.body)).toEqual({
      wrapped: { model: "m", messages: [{ role: "user", content: "Hi" }] },
    });
  });

  test("a custom Request class builds the requests a custom fetch gets", async () => {
    const { origin } = await echoServer();
    class TracedRequest extends Request {}
    const seen: boolean[] = [];
    const client = clientOf(origin, {
      Request: TracedRequest,
      fetch: (request) => (seen.push(request instanceof TracedRequest), fetch(request)),
    });
    await client.GET("/models");
    expect(seen).toEqual([true]);
  });

  test("custom call fields reach a custom fetch, on every attempt", async () => {
    let calls = 0;
    server = await startLoopbackServer((_, res) =>
      ++calls === 1
        ? sendJson(res, 503, { error: { code: 503, message: "busy" } })
        : sendJson(res, 200, {}),
    );
    const traces: unknown[] = [];
    const traced: FetchFn = (request) => {
      traces.push((request as Request & { traceId?: string }).traceId);
      return fetch(request);
    };
    const client = createOpenRouter({
      apiKey: TEST_KEY,
      baseUrl: server.origin,
      fetch: traced,
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    await client.GET("/models", { traceId: "t-42" });
    expect(traces).toEqual(["t-42", "t-42"]);
  });

  test("requestInitExt reaches the fetch", async () => {
    const { origin } = await echoServer();
    const seen: unknown[] = [];
    const client = clientOf(origin, {
      requestInitExt: { marker: "ext" },
      fetch: ((request: Request, ext?: { marker?: string }) => {
        seen.push(ext?.marker);
        return fetch(request);
      }) as FetchFn,
    });
    await client.GET("/models");
    expect(seen).toEqual(["ext"]);
  });

  test("middleware sees openapi-fetch's options and a random id; onRequest may answer", async () => {
    const { origin, requests } = await echoServer();
    const client = clientOf(origin);
    const ids: string[] = [];
    client.use({
      onRequest: ({ id, options, schemaPath }) => {
        ids.push(id);
        expect(options.parseAs).toBe("json");
        expect(schemaPath).toBe("/models");
        return new Response(JSON.stringify({ data: [] }), {
          headers: { "content-type": "application/json" },
        });
      },
    });
    const { data } = await client.GET("/models");
    expect(data).toEqual({ data: [] });
    expect(requests).toHaveLength(0);
    expect(ids[0]).toMatch(/^[a-z0-9]+$/);
  });
});
