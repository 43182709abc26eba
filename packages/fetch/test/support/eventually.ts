import { setTimeout as delay } from "node:timers/promises";

/** Waits for something another part of the process makes true; fails after `ms`. */
export async function eventually(
  condition: () => boolean,
  what: string,
  ms = 5_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await delay(5);
  }
}
