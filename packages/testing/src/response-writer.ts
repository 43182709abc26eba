import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import type { Fault, SseItem } from "./fixture-format";
import {
  encodeSseItem,
  isDone,
  malformedItem,
  oversizedEvent,
  type LineEnding,
} from "./sse-writer";

/** A response ready to write: status, headers, and a body of bytes or SSE items. */
export interface OutgoingResponse {
  status: number;
  headers: Record<string, string>;
  body: OutgoingBody;
}

export type OutgoingBody =
  | { kind: "sse"; items: SseItem[]; lineEnding: LineEnding }
  | { kind: "bytes"; bytes: Buffer; json: boolean };

/** One piece of the body written as a unit: an SSE item, or a whole JSON/text body. */
interface Unit {
  bytes: Buffer;
  delayMs: number;
}

interface BodyEvent {
  action: "stall" | "reset";
  afterItems?: number;
  afterBytes?: number;
  ms?: number;
  fired: boolean;
}

interface BodyPlan {
  units: Unit[];
  events: BodyEvent[];
  splitSize?: number;
  /** Set for byte bodies, so clients see a short or cut body for what it is. */
  contentLength?: number;
  /** Faults that do not apply to this body, named for the `x-or-fault-skipped` header. */
  skipped: string[];
}

/**
 * Writes a response with transport faults applied. `onSkipped` hears, before anything is sent,
 * which faults do not apply to this body. Resolves when the response is done, the client has gone
 * away or `signal` aborts (server closing); never rejects for those.
 */
export async function writeResponse(
  res: ServerResponse,
  response: OutgoingResponse,
  faults: readonly Fault[],
  signal: AbortSignal,
  onSkipped: (skipped: string[]) => void = () => {},
): Promise<void> {
  const plan = planBody(response.body, faults);
  if (plan.skipped.length > 0) onSkipped(plan.skipped);
  try {
    const delay = Math.max(0, ...faults.map((f) => (f.type === "delay-headers" ? f.ms : 0)));
    if (delay > 0) await sleep(delay, undefined, { signal });
    if (faults.some((f) => f.type === "reset-before-headers")) {
      res.socket?.resetAndDestroy();
      return;
    }
    writeHead(res, response, plan);
    await new BodyWriter(res, plan, signal).run();
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

function writeHead(res: ServerResponse, response: OutgoingResponse, plan: BodyPlan): void {
  const headers = { ...response.headers };
  const bodiless = response.status === 204 || response.status === 304;
  if (plan.contentLength !== undefined && !bodiless) {
    headers["content-length"] = String(plan.contentLength);
  }
  if (plan.skipped.length > 0) headers["x-or-fault-skipped"] = plan.skipped.join("; ");
  res.writeHead(response.status, headers);
  // SSE headers go out at once: the first item may be delayed or stalled.
  if (response.body.kind === "sse") res.flushHeaders();
}

class BodyWriter {
  private written = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly plan: BodyPlan,
    private readonly signal: AbortSignal,
  ) {}

  async run(): Promise<void> {
    const { units, events, splitSize } = this.plan;
    const [only] = units;
    if (units.length <= 1 && events.length === 0 && !splitSize && !only?.delayMs) {
      this.res.end(only?.bytes); // the common case: one write with the headers
      return;
    }
    for (let i = 0; i <= units.length; i++) {
      if (await this.fire((e) => e.afterItems !== undefined && e.afterItems <= i)) return;
      const unit = units[i];
      if (!unit) break;
      if (unit.delayMs > 0) await sleep(unit.delayMs, undefined, { signal: this.signal });
      if (await this.writeBytes(unit.bytes)) return;
    }
    // Byte triggers past the end of the body fire before it ends.
    if (await this.fire(() => true)) return;
    this.res.end();
  }

  /** Writes bytes, cut at split size and at byte triggers. True when the connection was reset. */
  private async writeBytes(bytes: Buffer): Promise<boolean> {
    let offset = 0;
    while (offset < bytes.length) {
      if (await this.fire((e) => e.afterBytes !== undefined && e.afterBytes <= this.written)) {
        return true;
      }
      let end = bytes.length;
      if (this.plan.splitSize) end = Math.min(end, offset + this.plan.splitSize);
      const next = this.nextByteTrigger();
      if (next !== undefined) end = Math.min(end, offset + (next - this.written));
      await this.write(bytes.subarray(offset, end));
      this.written += end - offset;
      offset = end;
    }
    return false;
  }

  /** Fires due events in order; true when one of them reset the connection. */
  private async fire(due: (event: BodyEvent) => boolean): Promise<boolean> {
    for (const event of this.plan.events) {
      if (event.fired || !due(event)) continue;
      event.fired = true;
      if (event.action === "reset") {
        await this.flush();
        this.res.socket?.destroy();
        return true;
      }
      await this.stall(event.ms);
    }
    return false;
  }

  private nextByteTrigger(): number | undefined {
    const pending = this.plan.events
      .filter((e) => !e.fired && e.afterBytes !== undefined && e.afterBytes > this.written)
      .map((e) => e.afterBytes as number);
    return pending.length > 0 ? Math.min(...pending) : undefined;
  }

  private async stall(ms: number | undefined): Promise<void> {
    await this.flush();
    if (ms !== undefined) {
      await sleep(ms, undefined, { signal: this.signal });
      return;
    }
    // Forever: until the client goes away or the server closes.
    if (!this.signal.aborted) await once(this.signal, "abort");
    this.signal.throwIfAborted();
  }

  private async write(chunk: Buffer): Promise<void> {
    this.signal.throwIfAborted();
    if (this.plan.splitSize) {
      // Each piece leaves in its own write, a turn of the event loop apart.
      await new Promise<void>((resolve) => this.res.write(chunk, () => resolve()));
      await nextTurn(undefined, { signal: this.signal });
      return;
    }
    if (!this.res.write(chunk)) await once(this.res, "drain", { signal: this.signal });
  }

  /** Resolves once everything written so far has been handed to the socket. */
  private async flush(): Promise<void> {
    const socket = this.res.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => socket.write("", () => resolve()));
  }
}

/** Items written back to back are sent in writes of up to this size: far fewer syscalls. */
const BATCH_BYTES = 64 * 1024;

function planBody(body: OutgoingBody, faults: readonly Fault[]): BodyPlan {
  const plan =
    body.kind === "sse" ? sseUnits(body.items, body.lineEnding, faults) : byteUnits(body, faults);
  const sizes = faults.flatMap((f) => (f.type === "split-bytes" ? [f.size] : []));
  if (sizes.length > 0) plan.splitSize = Math.min(...sizes);
  const total = plan.units.reduce((n, u) => n + u.bytes.length, 0);
  for (const fault of faults) {
    if (fault.type === "stall")
      plan.events.push(event("stall", fault, { afterItems: 0 }, fault.ms));
    if (fault.type === "reset-mid-stream" && !plan.events.some((e) => e.action === "reset")) {
      const fallback =
        body.kind === "sse" ? { afterItems: 1 } : { afterBytes: Math.floor(total / 2) };
      plan.events.push(event("reset", fault, fallback));
    }
  }
  // Item boundaries only matter to events and split writes; otherwise batch undelayed items.
  if (plan.events.length === 0 && !plan.splitSize) plan.units = batched(plan.units);
  return plan;
}

function batched(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let pending: Buffer[] = [];
  let size = 0;
  let delayMs = 0;
  const flush = () => {
    if (pending.length > 0)
      out.push({
        bytes: pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending),
        delayMs,
      });
    pending = [];
    size = 0;
  };
  for (const unit of units) {
    if (pending.length > 0 && (unit.delayMs > 0 || size + unit.bytes.length > BATCH_BYTES)) flush();
    if (pending.length === 0) delayMs = unit.delayMs;
    pending.push(unit.bytes);
    size += unit.bytes.length;
  }
  flush();
  return out;
}

function event(
  action: BodyEvent["action"],
  fault: { afterItems?: number; afterBytes?: number },
  fallback: { afterItems?: number; afterBytes?: number },
  ms?: number,
): BodyEvent {
  const trigger =
    fault.afterBytes !== undefined
      ? { afterBytes: fault.afterBytes }
      : fault.afterItems !== undefined
        ? { afterItems: fault.afterItems }
        : fallback;
  return { action, ...trigger, ...(ms !== undefined && { ms }), fired: false };
}

function sseUnits(items: SseItem[], lineEnding: LineEnding, faults: readonly Fault[]): BodyPlan {
  const skipped: string[] = [];
  const malformedAt = new Set(
    faults.flatMap((f) => (f.type === "malformed-json" ? [f.atItem] : [])),
  );
  for (const at of malformedAt) {
    if (at >= items.length)
      skipped.push(`malformed-json atItem ${at} (stream has ${items.length} items)`);
  }
  const encoded = encodedItems(items, lineEnding);
  const units: Unit[] = items.map((item, i) => {
    const bytes = malformedAt.has(i)
      ? Buffer.from(encodeSseItem(malformedItem(item), lineEnding))
      : (encoded[i] as Buffer);
    return { bytes, delayMs: item.delayMs ?? 0 };
  });
  for (const fault of faults) {
    if (fault.type !== "oversized-line") continue;
    const at = Math.min(fault.atItem ?? 0, units.length);
    const line = Buffer.from(oversizedEvent(fault.bytes, lineEnding));
    const target = units[at];
    if (target) target.bytes = Buffer.concat([line, target.bytes]);
    else units.push({ bytes: line, delayMs: 0 });
  }
  const truncate = faults.find((f) => f.type === "truncate");
  const kept = truncate
    ? units.slice(0, truncate.afterItems ?? units.length).filter((_, i) => {
        const item = items[i];
        return item === undefined || !isDone(item);
      })
    : units;
  return { units: kept, events: [], skipped };
}

/** Encoded items per fixture stream and line ending: fixtures are replayed many times. */
const encodings = new WeakMap<readonly SseItem[], Map<LineEnding, Buffer[]>>();

function encodedItems(items: readonly SseItem[], lineEnding: LineEnding): Buffer[] {
  let byEnding = encodings.get(items);
  if (!byEnding) encodings.set(items, (byEnding = new Map()));
  let encoded = byEnding.get(lineEnding);
  if (!encoded) {
    encoded = items.map((item) => Buffer.from(encodeSseItem(item, lineEnding)));
    byEnding.set(lineEnding, encoded);
  }
  return encoded;
}

function byteUnits(body: { bytes: Buffer; json: boolean }, faults: readonly Fault[]): BodyPlan {
  const skipped: string[] = [];
  let bytes = body.bytes;
  for (const fault of faults) {
    if (fault.type === "oversized-line") skipped.push("oversized-line (not an SSE response)");
    if (fault.type !== "malformed-json") continue;
    if (!body.json || fault.atItem !== 0) {
      skipped.push(
        `malformed-json atItem ${fault.atItem} (${body.json ? "a JSON body is item 0" : "not a JSON body"})`,
      );
    } else {
      bytes = malformedJson(bytes);
    }
  }
  const truncate = faults.find((f) => f.type === "truncate");
  if (truncate)
    bytes = bytes.subarray(0, truncate.afterItems === 0 ? 0 : Math.floor(bytes.length / 2));
  const units = bytes.length > 0 ? [{ bytes, delayMs: 0 }] : [];
  return { units, events: [], skipped, contentLength: bytes.length };
}

/** A JSON body that no parser accepts: objects, arrays and strings lose their last byte. */
function malformedJson(bytes: Buffer): Buffer {
  const text = bytes.toString("utf8").trimEnd();
  if (/^[[{"]/.test(text)) return Buffer.from(text.slice(0, -1));
  return Buffer.from(`{"malformed":${text}`);
}
