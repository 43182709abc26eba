import { existsSync } from "node:fs";
import { join } from "node:path";
import { runChild } from "./child.ts";
import { BENCH_DIR } from "./paths.ts";
import { median, round } from "./stats.ts";

/** The consumers in `consumers/`: the same four typed calls, with ours and with @openrouter/sdk. */
export const CONSUMERS = { "@or/fetch": "or-fetch", "@openrouter/sdk": "openrouter-sdk" } as const;

export interface TypecheckRun {
  /** Wall time of the whole `tsc` process. */
  wallMs: number;
  /** `Total time` and `Check time` of `--extendedDiagnostics`. */
  totalMs: number;
  checkMs: number;
  /** `Memory used` of `--extendedDiagnostics` (the heap tsc ended with). */
  memoryMiB: number;
  /** Peak RSS of the process, from `/usr/bin/time -v` (0 where it is missing). */
  peakRssMiB: number;
}

export type TypecheckResult = Record<string, { median: TypecheckRun; runs: TypecheckRun[] }>;

/** `tsc --noEmit --extendedDiagnostics` on each consumer, taking turns, median of `runs`. */
export async function measureConsumerTypecheck(runs: number): Promise<TypecheckResult> {
  const samples = new Map<string, TypecheckRun[]>(Object.keys(CONSUMERS).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, file] of Object.entries(CONSUMERS))
      samples.get(name)!.push(await typecheckOnce(file));
  }
  const result: TypecheckResult = {};
  for (const [name, list] of samples) {
    const med = (key: keyof TypecheckRun) => round(median(list.map((r) => r[key])));
    result[name] = {
      median: {
        wallMs: med("wallMs"),
        totalMs: med("totalMs"),
        checkMs: med("checkMs"),
        memoryMiB: med("memoryMiB"),
        peakRssMiB: med("peakRssMiB"),
      },
      runs: list,
    };
  }
  return result;
}

const TIME = "/usr/bin/time";

async function typecheckOnce(consumer: string): Promise<TypecheckRun> {
  const tsc = join(BENCH_DIR, "node_modules/typescript/bin/tsc");
  const args = [tsc, "-p", `consumers/tsconfig.${consumer}.json`, "--extendedDiagnostics"];
  const result = existsSync(TIME)
    ? await runChild(TIME, ["-v", process.execPath, ...args], {
        cwd: BENCH_DIR,
        timeoutMs: 180_000,
      })
    : await runChild(process.execPath, args, { cwd: BENCH_DIR, timeoutMs: 180_000 });
  if (result.code !== 0)
    throw new Error(`tsc on consumers/${consumer}.ts failed:\n${result.stdout}\n${result.stderr}`);
  const seconds = (label: string) =>
    Number(new RegExp(`^${label}:\\s+([\\d.]+)s`, "m").exec(result.stdout)?.[1]) * 1000;
  const memoryK = Number(/^Memory used:\s+(\d+)K/m.exec(result.stdout)?.[1]);
  const rssK = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return {
    wallMs: round(result.ms),
    totalMs: seconds("Total time"),
    checkMs: seconds("Check time"),
    memoryMiB: round(memoryK / 1024),
    peakRssMiB: round(rssK / 1024),
  };
}
