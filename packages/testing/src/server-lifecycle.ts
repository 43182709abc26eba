import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { API_BASE_PATH } from "./received-request";

/** What a server must stop on close: the answers still being written. */
export interface ServerControl {
  active: Set<AbortController>;
  closing?: Promise<void>;
}

/** Listens and tells the API base URL clients should use. */
export async function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return { port: actual, url: `http://${hostPart}:${actual}${API_BASE_PATH}` };
}

/**
 * Stops a server for good: aborts answers in progress (stalls, delays, open streams), drops every
 * connection and waits for the listener to close. Safe to call twice.
 */
export function stopServer(server: Server, control: ServerControl): Promise<void> {
  control.closing ??= new Promise<void>((resolve) => {
    for (const controller of control.active) controller.abort();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return control.closing;
}
