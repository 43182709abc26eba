import { existsSync } from "node:fs";
import { join } from "node:path";
import { runChild } from "./child.ts";
import { BENCH_DIR } from "./paths.ts";
import { median, round } from "./stats.ts";

/**
 * The consumers in `consumers/`: the same four typed calls with ours and with @openrouter/sdk,
 * and the floor, the same calls with a bare `fetch` (TypeScript's own cost: its libraries).
 */
export const CONSUMERS = {
  "@or/fetch": "or-fetch",
  "@openrouter/sdk": "openrouter-sdk",
  floor: "floor",
} as const;

/**
 * Both `skipLibCheck` settings: on, as `tsc --init` writes it, and off, where every declaration
 * file a consumer loads is checked too (ours included).
 */
export const SETTINGS = { skipLibCheck: true, fullLibCheck: false } as const;
export type Setting = keyof typeof SETTINGS;

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

export interface TypecheckSample {
  median: TypecheckRun;
  runs: TypecheckRun[];
}
/** Per setting, per consumer. */
export type TypecheckResult = Record<Setting, Record<string, TypecheckSample>>;

/**
 * `tsc --noEmit --extendedDiagnostics` on each consumer under each setting, taking turns,
 * median of `runs`.
 */
export async function measureConsumerTypecheck(runs: number): Promise<TypecheckResult> {
  const result = {} as TypecheckResult;
  for (const [setting, skipLibCheck] of Object.entries(SETTINGS) as [Setting, boolean][]) {
    const samples = new Map<string, TypecheckRun[]>(
      Object.keys(CONSUMERS).map((name) => [name, []]),
    );
    for (let run = 0; run < runs; run++) {
      for (const [name, file] of Object.entries(CONSUMERS))
        samples.get(name)!.push(await typecheckOnce(file, skipLibCheck));
    }
    result[setting] = Object.fromEntries(
      [...samples].map(([name, list]) => [name, { median: medianRun(list), runs: list }]),
    );
  }
  return result;
}

function medianRun(list: TypecheckRun[]): TypecheckRun {
  const med = (key: keyof TypecheckRun) => round(median(list.map((r) => r[key])));
  return {
    wallMs: med("wallMs"),
    totalMs: med("totalMs"),
    checkMs: med("checkMs"),
    memoryMiB: med("memoryMiB"),
    peakRssMiB: med("peakRssMiB"),
  };
}

const TIME = "/usr/bin/time";

async function typecheckOnce(consumer: string, skipLibCheck: boolean): Promise<TypecheckRun> {
  const tsc = join(BENCH_DIR, "node_modules/typescript/bin/tsc");
  const args = [
    tsc,
    "-p",
    `consumers/tsconfig.${consumer}.json`,
    "--skipLibCheck",
    String(skipLibCheck),
    "--extendedDiagnostics",
  ];
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
