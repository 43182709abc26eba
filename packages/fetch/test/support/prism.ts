import { readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import type { PrismInfo } from "./prism-launcher.js";

/** An operation of the spec, for coverage checks. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  tags: string[];
}

const METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * Resolves once Prism answers HTTP; fails with its output when it died. No deadline of its own:
 * reading the spec takes many times longer on a loaded machine, and the hook timeout catches a hang.
 */
export async function waitForPrism(prism: PrismInfo): Promise<void> {
  for (;;) {
    const log = readFileSync(prism.logPath, "utf8");
    if (/prism exited|launch failed/.test(log))
      throw new Error(`Prism did not start:\n${log.slice(-4000)}`);
    try {
      await fetch(`${prism.url}/models/count`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await delay(250);
    }
  }
}

/** Every operation of the spec Prism mocks. */
export function specOperations(prism: PrismInfo): SpecOperation[] {
  const spec = JSON.parse(readFileSync(prism.specPath, "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
  };
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        operationId: op.operationId ?? "",
        method,
        path,
        tags: op.tags ?? [],
      })),
  );
}
