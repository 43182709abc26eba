// A stand-in for the API on 127.0.0.1 for the recorder's tests: started before the file's
// tests, closed after them.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

/** Serves `handler` on a free loopback port; `url` is its API base once started. */
export function useFakeUpstream(handler: RequestListener): { readonly url: string } {
  const state = { url: "" };
  let server: Server;
  beforeAll(async () => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return state;
}
