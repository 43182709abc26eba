import { setTimeout as delay } from "node:timers/promises";

/**
 * Waits for something another part of the process makes true (`what` names it for the reader).
 * No deadline of its own: a loaded machine can take any time, and the test timeout catches a hang.
 */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  void what;
  while (!condition()) await delay(5);
}
