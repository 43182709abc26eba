import type { Middleware } from "../../src/index.js";
import type { RecordedRequest, RecordingServer } from "./recording-server.js";

/** What both clients resolve to. */
export type LooseResult = { data?: unknown; error?: unknown; response: Response };
type LooseCall = (path: string, init?: Record<string, unknown>) => Promise<LooseResult>;

/**
 * Our client and openapi-fetch's seen through one untyped interface. Generated inputs (any
 * path, param values of any type, odd header shapes) do not fit the generated `paths` types,
 * which is the point of the types; typed calls are made directly in the tests.
 */
export interface LooseClient {
  GET: LooseCall;
  PUT: LooseCall;
  POST: LooseCall;
  DELETE: LooseCall;
  PATCH: LooseCall;
  use(...middleware: (Middleware | null | undefined)[]): void;
  eject(...middleware: Middleware[]): void;
}

export const loose = (client: unknown) => client as LooseClient;

/** A form part as it arrived. */
export type PartView = [name: string, value: string | { file: string; type: string; text: string }];

/** A request as compared: headers sorted, a multipart body as its parts (boundaries differ). */
export interface WireView {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | { parts: PartView[] };
}

const BOUNDARY = /boundary=.*/;

/** The comparable view of a recorded request, without the `omit` headers. */
export async function wireView(request: RecordedRequest, omit: string[] = []): Promise<WireView> {
  const contentType = request.headers.find(([name]) => name === "content-type")?.[1] ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  const headers = request.headers
    .filter(([name]) => !omit.includes(name) && !(multipart && name === "content-length"))
    .map(([name, value]): [string, string] =>
      multipart && name === "content-type"
        ? [name, value.replace(BOUNDARY, "boundary=*")]
        : [name, value],
    )
    .sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));
  return {
    method: request.method,
    url: request.url,
    headers,
    body: multipart ? { parts: await partsOf(request.body, contentType) } : bodyText(request.body),
  };
}

/** UTF-8 when the bytes are UTF-8, else hex, so any difference in bytes shows. */
function bodyText(body: Buffer): string {
  const text = body.toString("utf8");
  return Buffer.from(text, "utf8").equals(body) ? text : `hex:${body.toString("hex")}`;
}

async function partsOf(body: Buffer, contentType: string): Promise<PartView[]> {
  const form = await new Response(new Uint8Array(body), {
    headers: { "content-type": contentType },
  }).formData();
  const parts: PartView[] = [];
  for (const [name, value] of form) {
    parts.push([
      name,
      typeof value === "string"
        ? value
        : { file: value.name, type: value.type, text: await value.text() },
    ]);
  }
  return parts;
}

/** A result as compared: which keys it has, and `data`/`error` with bodies read. */
export interface ResultView {
  status: number;
  keys: string[];
  data: unknown;
  error: unknown;
}

export type OutcomeView = { resolved: ResultView } | { rejected: true };

async function valueView(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: value.type, text: await value.text() };
  if (value instanceof ArrayBuffer) return { arrayBuffer: Buffer.from(value).toString("hex") };
  if (value instanceof ReadableStream) return { stream: await new Response(value).text() };
  return value;
}

export async function resultView(result: LooseResult): Promise<ResultView> {
  return {
    status: result.response.status,
    keys: Object.keys(result)
      .filter((key) => key !== "response")
      .sort(),
    data: await valueView(result.data),
    error: await valueView(result.error),
  };
}

/** One client's side of a case: what reached the server, and what the call gave back. */
export interface Side {
  wire: WireView[];
  requests: RecordedRequest[];
  outcome: OutcomeView;
  result?: LooseResult;
  thrown?: unknown;
}

/** Makes one call and collects what the server recorded for it. */
export async function capture(
  server: RecordingServer,
  send: () => Promise<LooseResult>,
  omit: string[] = [],
): Promise<Side> {
  server.take();
  let result: LooseResult | undefined;
  let thrown: unknown;
  let rejected = false;
  try {
    result = await send();
  } catch (error) {
    rejected = true;
    thrown = error;
  }
  const outcome: OutcomeView =
    rejected || !result ? { rejected: true } : { resolved: await resultView(result) };
  const requests = server.take();
  const wire = await Promise.all(requests.map((request) => wireView(request, omit)));
  return { wire, requests, outcome, result, thrown };
}
