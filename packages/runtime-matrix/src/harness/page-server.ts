import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The page the browser loads: it only pulls in the bundled client, which sets `window.__matrix`. */
const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>or-sdk runtime matrix</title><link rel="icon" href="data:,"></head>
  <body><script type="module" src="/browser.mjs"></script></body>
</html>`;

export interface PageServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the matrix page and its script on 127.0.0.1. The browser opens it as `localhost`, so
 * the API on `127.0.0.1` is another origin and every call goes through CORS.
 */
export async function startPageServer(browserBundle: string): Promise<PageServer> {
  const script = readFileSync(browserBundle);
  const server: Server = createServer((req, res) => {
    if (req.url === "/")
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    else if (req.url === "/browser.mjs")
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
