import type { OpenApiSpec } from "../contract/index";
import type { FaultRule } from "../faults";
import type { ReceivedRequest } from "../received-request";
import type { AdminSeed, AdminStore } from "./store";
import type { RateLimitOptions } from "./rate-limit";

export interface AdminEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /**
   * The OpenAPI document (overlays applied). When given, every request body is checked against
   * it (a 400 names the problems) and every answer too (an answer that breaks the contract is
   * replaced by a 500 and listed in `contractProblems`).
   */
  spec?: OpenApiSpec;
  /** The only token accepted as management key. Default: any bearer token that is not an inference key. */
  managementKey?: string;
  /** Members, credits and activity to start with. */
  seed?: AdminSeed;
  /** How many keys a `GET /keys` page holds (it takes no `limit`). Default 100. */
  keysPageSize?: number;
  /**
   * A rate limit like the API's: over `requests` per `windowMs`, requests are answered 429 with
   * `Retry-After` (whole seconds) and do nothing. Default: none.
   */
  rateLimit?: RateLimitOptions;
  /** Fault rules, matched by `operationId`, `method` or `path` (see `FaultRule`). */
  faults?: readonly FaultRule[];
}

/** A request as the emulator received it; the Authorization header is redacted. */
export interface EmulatorRequest extends ReceivedRequest {
  /** The operation it was routed to. */
  operationId?: string;
}

export interface AdminEmulator {
  /** The API base for clients: `http://127.0.0.1:PORT/api/v1`. */
  url: string;
  port: number;
  /** The account: read it in assertions, or seed it before a test. */
  readonly state: AdminStore;
  /** Every request received, in order. */
  requests: EmulatorRequest[];
  /** Answers that broke the spec (always empty unless the emulator has a bug). */
  contractProblems: string[];
  /** Whether request and response bodies are checked against a spec. */
  validating: boolean;
  addFault(rule: FaultRule): void;
  /** Forgets requests and added faults. With `{ state: true }` the account starts over too. */
  reset(options?: { state?: boolean }): void;
  close(): Promise<void>;
}
