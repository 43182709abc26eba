import type { Fault } from "../fixture-format";
import { checkFault } from "../faults";

/**
 * A fault for one request by its position: the request numbered `at` (0-based, counted since
 * start or the last `reset()`), and its retries: the next `times - 1` requests with the same
 * method and path. Fault matrices use it to fail "the n-th request an operation makes" without
 * knowing which operation that is.
 */
export interface StepFault {
  at: number;
  fault: Fault;
  /** Requests it applies to: the one at `at`, then its retries. Default 1. */
  times?: number;
}

/** A request held before the emulator acts on it, until `release()`. */
export interface HeldRequest {
  /** Resolves when the request numbered `at` has arrived (and is waiting). */
  arrived: Promise<void>;
  /** Lets it go on: the emulator then acts on it and answers. */
  release(): void;
}

interface ActiveStepFault {
  fault: Fault;
  remaining: number;
  target?: string;
}

/** The step faults and holds of an emulator, by request number. */
export class StepBook {
  private faults = new Map<number, StepFault>();
  private active: ActiveStepFault[] = [];
  private holds = new Map<
    number,
    { arrive: () => void; release: () => void; gate: Promise<void> }
  >();

  add(stepFault: StepFault): void {
    const { at, times = 1 } = stepFault;
    if (!Number.isSafeInteger(at) || at < 0)
      throw new TypeError(`StepFault.at must be a whole number of 0 or more, got ${String(at)}`);
    if (!Number.isSafeInteger(times) || times < 1)
      throw new TypeError(
        `StepFault.times must be a whole number of 1 or more, got ${String(times)}`,
      );
    checkFault(stepFault.fault, "StepFault.fault");
    this.faults.set(at, { ...stepFault, times });
  }

  hold(at: number): HeldRequest {
    if (!Number.isSafeInteger(at) || at < 0)
      throw new TypeError(`hold(at): at must be a whole number of 0 or more, got ${String(at)}`);
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(at, { arrive, release, gate });
    return { arrived, release };
  }

  /** Waits while request `index` is held. */
  async gate(index: number): Promise<void> {
    const held = this.holds.get(index);
    if (!held) return;
    held.arrive();
    await held.gate;
  }

  /** The step faults for request `index` going to `method path`. */
  take(index: number, method: string, path: string): Fault[] {
    const target = `${method} ${path}`;
    const start = this.faults.get(index);
    if (start) {
      this.faults.delete(index);
      this.active.push({ fault: start.fault, remaining: start.times ?? 1, target });
    }
    const out: Fault[] = [];
    for (const active of this.active) {
      if (active.remaining <= 0 || active.target !== target) continue;
      active.remaining -= 1;
      out.push(active.fault);
    }
    this.active = this.active.filter((a) => a.remaining > 0);
    return out;
  }

  reset(): void {
    this.faults.clear();
    this.active = [];
    // Nothing stays stuck: a held request goes on, and a waiting test hears of it.
    for (const held of this.holds.values()) {
      held.arrive();
      held.release();
    }
    this.holds.clear();
  }
}
