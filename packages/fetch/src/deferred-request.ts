/**
 * A `Request` that keeps its serialized body aside (`bodyInit`) instead of wrapping it in a
 * stream. openapi-fetch builds one per call; when no middleware will look at the request, the
 * client has it build this kind, and the transport sends `bodyInit` as is: no stream to create,
 * read and copy, which is most of what a `Request` costs over `fetch(url, init)`.
 */
export class DeferredBodyRequest extends Request {
  readonly bodyInit: BodyInit | undefined;
  /** The caller's own signal, if any (`signal` is always set, to a copy that follows it). */
  readonly callerSignal: AbortSignal | undefined;

  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    const { body, ...rest } = init;
    super(input, rest);
    this.bodyInit = body ?? undefined;
    this.callerSignal = init.signal ?? undefined;
  }
}
