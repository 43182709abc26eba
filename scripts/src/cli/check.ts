import { generateTypes, staleGenerated } from "../generate.ts";
import { lockedSpec } from "../spec-cache.ts";

/** CI's guard: the lock matches the spec used, and the generated types are current. */
export async function runCheck(): Promise<number> {
  const { doc, lock } = await lockedSpec();
  const { files } = await generateTypes(doc, lock.sha256);
  const stale = staleGenerated(files);
  if (stale.length > 0) {
    console.error(
      `Generated output is stale: ${stale.join(", ")} differ from what the locked spec produces. Run \`pnpm generate\`.`,
    );
    return 1;
  }
  console.log(
    `Spec matches the lock (sha256 ${lock.sha256.slice(0, 16)}); generated output is current.`,
  );
  return 0;
}
