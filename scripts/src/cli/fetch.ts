import { fetchSpec } from "../spec-cache.ts";
import { parseFlags } from "./flags.ts";

export async function runFetch(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { from: { type: "string" }, timeout: { type: "string" } });
  const timeoutMs = values.timeout ? Number(values.timeout) : undefined;
  const result = await fetchSpec({ from: values.from as string | undefined, timeoutMs });
  const { lock, previous } = result;
  const counts = `${lock.operations} operations, ${lock.schemas} schemas, sha256 ${lock.sha256.slice(0, 16)}`;
  if (result.status === "local-match") {
    console.log(`Spec: local snapshot matches the lock (${counts}).`);
  } else if (result.status === "unchanged") {
    console.log(`Spec unchanged at ${lock.source} (${counts}).`);
  } else {
    console.log(`Spec updated from ${lock.source} (${counts}).`);
    if (previous) {
      console.log(
        `  was sha256 ${previous.sha256.slice(0, 16)} (${previous.operations} operations, ${previous.schemas} schemas); ` +
          "review with `pnpm spec:diff` and regenerate with `pnpm generate`.",
      );
    }
  }
  return 0;
}
