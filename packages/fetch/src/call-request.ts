const INIT = Symbol("init");

/**
 * The `Request` class openapi-fetch is given (its documented `Request` option) for a call that
 * no middleware will see. It keeps the URL and the init as they are, where a real `Request`
 * would copy the headers, wrap the body in a stream and make a signal: work that `fetch` does
 * again when it sends, and about a tenth of a loopback call.
 */
export class CallRequest {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly [INIT]: RequestInit;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
    this[INIT] = init;
  }
}

/** The init a `CallRequest` was built with; undefined for a real `Request`. */
export const initOf = (request: object): RequestInit | undefined =>
  request instanceof CallRequest ? request[INIT] : undefined;
