import type { IncomingMessage } from "node:http";
import type { Fault } from "./fixture-format";

/** Where the API lives below the server's origin: clients use `${origin}/api/v1` as base URL. */
export const API_BASE_PATH = "/api/v1";

/** Default limit of request bodies, refused with 413 above it: servers read bodies whole. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A request as the replay server received it, for tests to assert on. */
export interface ReceivedRequest {
  method: string;
  /** Below the API base (`/chat/completions`); the full path for a request outside it. */
  path: string;
  /** Query parameters; a repeated parameter keeps its last value. */
  query: Record<string, string>;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed body when it is JSON. */
  body?: unknown;
  /** The fixture that answered, as `op/name`. */
  fixture?: string;
  /** The status sent (absent when the connection was reset before headers). */
  status?: number;
  /** The faults applied to the answer. */
  faults: Fault[];
  /** Faults that did not apply to this answer and why (also sent as `x-or-fault-skipped`). */
  skippedFaults?: string[];
  /** When it arrived, in ms since the epoch. */
  at: number;
}

/** A request body over the server's limit (`MAX_BODY_BYTES` unless set). */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/** Reads the whole request and describes it; the raw bytes come along for proxying. */
export async function readRequest(
  req: IncomingMessage,
  maxBodyBytes = MAX_BODY_BYTES,
): Promise<{ received: ReceivedRequest; raw: Buffer; url: URL }> {
  const at = Date.now();
  const raw = await readBody(req, maxBodyBytes);
  const url = new URL(req.url ?? "/", "http://replay.invalid");
  const bodyText = raw.toString("utf8");
  const body = parseJson(bodyText, req.headers["content-type"]);
  const received: ReceivedRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    path: apiRelativePath(url.pathname) ?? url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: lowerCaseHeaders(req.rawHeaders),
    bodyText,
    ...(body !== undefined && { body }),
    faults: [],
    at,
  };
  return { received, raw, url };
}

/** The path below `/api/v1`, or undefined for a path outside it. */
export function apiRelativePath(pathname: string): string | undefined {
  if (pathname === API_BASE_PATH || pathname === `${API_BASE_PATH}/`) return "/";
  return pathname.startsWith(`${API_BASE_PATH}/`)
    ? pathname.slice(API_BASE_PATH.length)
    : undefined;
}

/**
 * Header names in lower case, repeated headers joined with `, `, from the raw name/value list
 * (`req.rawHeaders`). Own properties only: a header named `__proto__` is kept as a header, where
 * `req.headers` loses it.
 * @example
 * lowerCaseHeaders(["Content-Type", "application/json", "X-A", "1", "x-a", "2"]);
 * // { "content-type": "application/json", "x-a": "1, 2" }
 */
export function lowerCaseHeaders(raw: readonly string[]): Record<string, string> {
  const joined = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const before = joined.get(name);
    joined.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return Object.fromEntries(joined);
}

async function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (declared > maxBodyBytes) throw new BodyTooLargeError(bodyTooLarge(maxBodyBytes));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new BodyTooLargeError(bodyTooLarge(maxBodyBytes));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function bodyTooLarge(limit: number): string {
  return `request body over ${limit} bytes (the server's maxBodyBytes)`;
}

function parseJson(text: string, contentType: string | undefined): unknown {
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[[{]/.test(text);
  if (!looksJson || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
