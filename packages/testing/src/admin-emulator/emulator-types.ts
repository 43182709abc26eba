import type { OpenApiSpec } from "../contract/index";
import type { FaultRule } from "../faults";
import type { ReceivedRequest } from "../received-request";
import type { HeldRequest, StepFault } from "./step-faults";
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
  /**
   * Adds a fault rule (as the replay server's). A `status-sequence` answers instead of the
   * operation; every other fault hits the answer of an operation that was done (the key exists).
   */
  addFault(rule: FaultRule): void;
  /**
   * A fault for the request numbered `at` (0-based since start or `reset()`) and its next
   * `times - 1` retries (same method and path). With a transport fault, the operation is done
   * first: `reset-before-headers` after the state changed, `reset-mid-stream` cutting its answer.
   * @example
   * emulator.addStepFault({ at: 2, fault: { type: "reset-before-headers" } });
   * emulator.addStepFault({ at: 3, fault: { type: "status-sequence", statuses: [500] }, times: 3 });
   */
  addStepFault(stepFault: StepFault): void;
  /**
   * Holds the request numbered `at` before the emulator acts on it, until `release()`: a test can
   * do something (send a signal) at an exact point of a client's run, without timers.
   * @example
   * const held = emulator.hold(1);
   * await held.arrived; child.kill("SIGTERM"); held.release();
   */
  hold(at: number): HeldRequest;
  /** Forgets requests, added faults and step faults, and releases held requests. With `{ state: true }` the account starts over too. */
  reset(options?: { state?: boolean }): void;
  close(): Promise<void>;
}
