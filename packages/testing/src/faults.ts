import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { Fault } from "./fixture-format";
import fixtureSchema from "../schema/fixture.schema.json";

/** Which requests a fault rule applies to; every field given must match. */
export interface FaultMatch {
  operationId?: string;
  /** A fixture as `op/name`. */
  fixture?: string;
  method?: string;
  /** The path below the API base, exactly (`/chat/completions`). */
  path?: string;
}

/**
 * A fault applied to the requests that match, at most `times` of them (default: all). A
 * `status-sequence` rule counts across requests: `[503, 503, 200]` answers the first two matching
 * requests with 503 and serves the fixture from the third on.
 */
export interface FaultRule {
  fault: Fault;
  match?: FaultMatch;
  times?: number;
}

/** A fault or fault rule that does not follow the fixture schema's `Fault` definition. */
export class FaultError extends Error {
  override name = "FaultError";
}

/** The request a rule is tested against: where it goes and which fixture answers it. */
export interface FaultTarget {
  method: string;
  path: string;
  operationId?: string;
  fixture?: string;
}

/** A `status-sequence` entry that replaces the fixture's answer for this request. */
export interface StatusOverride {
  status: number;
  retryAfter?: string;
  retryAfterMs?: number;
}

/** The faults for one request: an optional status answer, and the faults of the transport. */
export interface RequestFaults {
  status?: StatusOverride;
  transport: Fault[];
  /** Every fault that applied, in order (header, rules, fixture), for the request log. */
  applied: Fault[];
}

let validateFault: ValidateFunction | undefined;

/** Checks a value against the `Fault` definition of `fixture.schema.json`; throws `FaultError`. */
export function checkFault(value: unknown, where = "fault"): Fault {
  // Only the fault definition and what it refers to: compiling the whole schema is slower.
  validateFault ??= new Ajv2020({ allErrors: true, strict: false, validateSchema: false }).compile({
    $defs: fixtureSchema.$defs,
    $ref: "#/$defs/fault",
  });
  if (!validateFault(value)) {
    const type = (value as { type?: unknown } | null)?.type;
    throw new FaultError(
      `${where}: not a valid fault${typeof type === "string" ? ` of type "${type}"` : ""} ` +
        `(${JSON.stringify(value)}); see the Fault type of @or/testing`,
    );
  }
  const fault = value as Fault;
  if (fault.type === "status-sequence" && fault.statuses.some((s) => s < 200)) {
    throw new FaultError(`${where}: status-sequence statuses must be final statuses (200-599)`);
  }
  checkFaultNumbers(fault, where);
  return fault;
}

/** The longest delay a timer can wait: past it, Node fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The largest `oversized-line` the server builds (a string of that many bytes). */
export const MAX_OVERSIZED_LINE_BYTES = 256 * 1024 * 1024;

/**
 * What the schema's `integer` lets through: `Infinity` (an "integer" to ajv), timers past Node's
 * limit (a stall of 1e12 ms would fire after 1 ms), and lines no string can hold.
 */
function checkFaultNumbers(fault: Fault, where: string): void {
  for (const [field, value] of Object.entries(fault)) {
    if (typeof value === "number" && !Number.isSafeInteger(value)) {
      throw new FaultError(`${where}.${field}: expected a safe integer, got ${String(value)}`);
    }
  }
  const ms = (fault as { ms?: number }).ms;
  if (ms !== undefined && ms > MAX_TIMER_MS) {
    throw new FaultError(`${where}.ms: at most ${MAX_TIMER_MS} (about 24.8 days), got ${ms}`);
  }
  if (fault.type === "oversized-line" && fault.bytes > MAX_OVERSIZED_LINE_BYTES) {
    throw new FaultError(`${where}.bytes: at most ${MAX_OVERSIZED_LINE_BYTES}, got ${fault.bytes}`);
  }
}

/** Reads an `x-or-fault` header: one fault or an array of faults, as JSON. */
export function parseFaultHeader(text: string): Fault[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FaultError(`x-or-fault header is not JSON: ${text.slice(0, 200)}`);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((fault, i) => checkFault(fault, `x-or-fault header item ${i}`));
}

/** Checks a rule given to `startReplayServer({ faults })` or `addFault`; throws `FaultError`. */
export function checkRule(rule: FaultRule, where = "fault rule"): FaultRule {
  if (rule === null || typeof rule !== "object") throw new FaultError(`${where}: not an object`);
  checkFault(rule.fault, `${where}.fault`);
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new FaultError(`${where}.times: expected a positive integer, got ${String(rule.times)}`);
  }
  const unknown = Object.keys(rule.match ?? {}).filter(
    (k) => !["operationId", "fixture", "method", "path"].includes(k),
  );
  if (unknown.length > 0)
    throw new FaultError(`${where}.match: unknown field ${unknown.join(", ")}`);
  return rule;
}

interface RuleState {
  rule: FaultRule;
  remaining: number;
  position: number;
}

/**
 * The fault rules of a server and the counters of their status sequences (and of the fixtures'
 * own `faults`). `take` consumes: it counts the request against `times` and sequence positions.
 */
export class FaultBook {
  private rules: RuleState[] = [];
  /** `op/name#index` → position in that fixture fault's status sequence. */
  private fixturePositions = new Map<string, number>();

  constructor(private readonly initial: readonly FaultRule[] = []) {
    initial.forEach((rule, i) => checkRule(rule, `faults[${i}]`));
    this.reset();
  }

  add(rule: FaultRule): void {
    checkRule(rule, "addFault rule");
    this.rules.push(fresh(rule));
  }

  /** Back to the rules given at start, every counter at zero. */
  reset(): void {
    this.rules = this.initial.map(fresh);
    this.fixturePositions.clear();
  }

  /** Whether any live rule matches, without consuming anything. */
  hasRuleFor(target: FaultTarget): boolean {
    return this.rules.some((state) => state.remaining > 0 && matches(state.rule.match, target));
  }

  /** The faults for one request: the header's, then matching rules', then the fixture's own. */
  take(target: FaultTarget, headerFaults: Fault[], fixtureFaults: Fault[] = []): RequestFaults {
    const result: RequestFaults = { transport: [], applied: [] };
    for (const fault of headerFaults) apply(result, fault, 0);
    for (const state of this.rules) {
      if (state.remaining <= 0 || !matches(state.rule.match, target)) continue;
      state.remaining -= 1;
      apply(result, state.rule.fault, state.position);
      if (state.rule.fault.type === "status-sequence") state.position += 1;
    }
    fixtureFaults.forEach((fault, i) => {
      const key = `${target.fixture}#${i}`;
      const position = this.fixturePositions.get(key) ?? 0;
      apply(result, fault, position);
      if (fault.type === "status-sequence") this.fixturePositions.set(key, position + 1);
    });
    return result;
  }
}

function fresh(rule: FaultRule): RuleState {
  return { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY, position: 0 };
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  return (
    (match.operationId === undefined || match.operationId === target.operationId) &&
    (match.fixture === undefined || match.fixture === target.fixture) &&
    (match.method === undefined || match.method.toUpperCase() === target.method) &&
    (match.path === undefined || match.path === target.path)
  );
}

/** Adds one fault; a status sequence contributes its entry at `position` unless it is a 2xx. */
function apply(result: RequestFaults, fault: Fault, position: number): void {
  if (fault.type !== "status-sequence") {
    result.transport.push(fault);
    result.applied.push(fault);
    return;
  }
  const status = fault.statuses[position];
  if (status === undefined || (status >= 200 && status < 300)) return;
  result.applied.push(fault);
  result.status ??= {
    status,
    ...(fault.retryAfter !== undefined && { retryAfter: fault.retryAfter }),
    ...(fault.retryAfterMs !== undefined && { retryAfterMs: fault.retryAfterMs }),
  };
}
