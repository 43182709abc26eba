/**
 * A `Request` that keeps its serialized body aside (`bodyInit`) instead of wrapping it in a
 * stream. openapi-fetch builds one per call; when no middleware will look at the request, the
 * client has it build this kind, and the transport sends `bodyInit` as is: no stream to create,
 * read and copy, which is most of what a `Request` costs over `fetch(url, init)`.
 */
export interface DeferredBodyRequest extends Request {
  readonly bodyInit: BodyInit | undefined;
  /** The caller's own signal, if any (`signal` is always set, to a copy that follows it). */
  readonly callerSignal: AbortSignal | undefined;
}

type DeferredBodyRequestClass = new (
  input: RequestInfo | URL,
  init?: RequestInit,
) => DeferredBodyRequest;

let deferredClass: DeferredBodyRequestClass | undefined;

/**
 * The class, made on first use: extending `Request` at import time would make Node load its
 * fetch implementation (tens of ms) for every program that merely imports the client.
 */
export function deferredBodyRequestClass(): DeferredBodyRequestClass {
  return (deferredClass ??= class extends Request implements DeferredBodyRequest {
    readonly bodyInit: BodyInit | undefined;
    readonly callerSignal: AbortSignal | undefined;

    constructor(input: RequestInfo | URL, init: RequestInit = {}) {
      const { body, ...rest } = init;
      super(input, rest);
      this.bodyInit = body ?? undefined;
      this.callerSignal = init.signal ?? undefined;
    }
  });
}

export function isDeferredBodyRequest(request: Request): request is DeferredBodyRequest {
  return deferredClass !== undefined && request instanceof deferredClass;
}
