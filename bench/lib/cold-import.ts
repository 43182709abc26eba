import { runChild } from "./child.ts";
import { BENCH_DIR } from "./paths.ts";
import { median, round } from "./stats.ts";

/** The modules timed: ours and the peers, as an app imports them (ESM, from `bench/`). */
export const COLD_IMPORT_MODULES = [
  "@or/fetch",
  "@or/stream",
  "@or/admin",
  "@or/testing",
  "@openrouter/sdk",
  "openai",
  "eventsource-parser",
] as const;

export type ColdImportResult = Record<string, { medianMs: number; runsMs: number[] }>;

/**
 * Time of `await import(name)` in a fresh Node process, measured inside the process (so Node's
 * own start-up is left out), median of `runs`. The modules take turns so that machine drift hits
 * them alike.
 */
export async function measureColdImports(runs: number): Promise<ColdImportResult> {
  const samples = new Map<string, number[]>(COLD_IMPORT_MODULES.map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const name of COLD_IMPORT_MODULES) samples.get(name)!.push(await importOnce(name));
  }
  return Object.fromEntries(
    [...samples].map(([name, runsMs]) => [
      name,
      { medianMs: round(median(runsMs), 2), runsMs: runsMs.map((ms) => round(ms, 2)) },
    ]),
  );
}

async function importOnce(name: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(name)}); process.stdout.write(String(performance.now() - t));`;
  const result = await runChild(process.execPath, ["--input-type=module", "-e", script], {
    cwd: BENCH_DIR,
    timeoutMs: 60_000,
  });
  const ms = Number(result.stdout);
  if (result.code !== 0 || !Number.isFinite(ms))
    throw new Error(`import of ${name} failed: ${result.stderr}`);
  return ms;
}
