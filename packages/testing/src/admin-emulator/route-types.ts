import type { AdminStore } from "./store";

/** Who is calling: the management key, or one of the account's inference keys. */
export type Caller = { kind: "management" } | { kind: "inference"; hash: string };

export type Body = Record<string, unknown>;

export interface HandlerContext {
  store: AdminStore;
  /** Path parameters by name (`{ id: "..." }`), URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body: an object whenever the operation takes one (checked before the handler). */
  body: Body;
  caller: Caller;
  /** Page size of `GET /keys`, which takes no `limit`. */
  keysPageSize: number;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

/** One operation the emulator serves. */
export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The spec's path template below `/api/v1`. */
  path: string;
  operationId: string;
  handler: Handler;
  /** Whether the operation needs the management key (default true). */
  management?: boolean;
  /** Whether the operation takes a JSON body. */
  hasBody?: boolean;
}

export const ok = (body: unknown): HandlerResult => ({ status: 200, body });
export const created = (body: unknown): HandlerResult => ({ status: 201, body });
