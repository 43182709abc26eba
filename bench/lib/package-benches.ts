import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { failure, runChild } from "./child.ts";
import { REPO_DIR } from "./paths.ts";

/** A benchmark that lives in a package: run as a child with that package's tsx. */
interface PackageBench {
  pkg: string;
  file: string;
  /** The JSON it writes, relative to the package, or undefined when it only prints. */
  results?: string;
  /** Environment for a full run and for `--quick`. */
  env: NodeJS.ProcessEnv;
  quickEnv: NodeJS.ProcessEnv;
  /** Extra arguments for `--quick`. */
  quickArgs?: string[];
}

export const PACKAGE_BENCHES = {
  requestLoop: {
    pkg: "fetch",
    file: "bench/request-loop.bench.ts",
    results: "bench/request-loop.results.json",
    env: {},
    quickEnv: { BENCH_ROUNDS: "3", BENCH_PER_ROUND: "50" },
  },
  fetchBundle: {
    pkg: "fetch",
    file: "bench/bundle-size.ts",
    results: "bench/bundle-size.results.json",
    env: {},
    quickEnv: {},
  },
  stream: {
    pkg: "stream",
    file: "bench/stream.bench.ts",
    results: "bench/results.json",
    env: {},
    quickEnv: { BENCH_CHUNKS: "20000", BENCH_RUNS: "1" },
  },
  replay: {
    pkg: "testing",
    file: "bench/replay-throughput.ts",
    env: {},
    quickEnv: {},
    quickArgs: ["--requests", "500", "--stream-mb", "4", "--streams", "2"],
  },
  adminPlan: {
    pkg: "admin",
    file: "bench/plan-scale.ts",
    env: {},
    quickEnv: { GUARDRAILS: "50", KEYS: "200" },
  },
} satisfies Record<string, PackageBench>;

export type PackageBenchName = keyof typeof PACKAGE_BENCHES;

export interface PackageBenchResult {
  /** The JSON the bench wrote (undefined for benches that only print). */
  json?: unknown;
  /** What it printed. */
  stdout: string;
  seconds: number;
}

/** Runs one package's benchmark to its end and reads the JSON it wrote in this run. */
export async function runPackageBench(
  name: PackageBenchName,
  quick: boolean,
): Promise<PackageBenchResult> {
  const bench: PackageBench = PACKAGE_BENCHES[name];
  const dir = join(REPO_DIR, "packages", bench.pkg);
  if (!existsSync(join(dir, bench.file)))
    throw new Error(`packages/${bench.pkg}/${bench.file} does not exist`);
  const started = Date.now();
  const child = await runChild(
    join(dir, "node_modules/.bin/tsx"),
    [bench.file, ...(quick ? (bench.quickArgs ?? []) : [])],
    {
      cwd: dir,
      env: quick ? bench.quickEnv : bench.env,
      timeoutMs: 30 * 60_000,
      echo: true,
    },
  );
  if (child.code !== 0) throw failure(`packages/${bench.pkg}/${bench.file}`, child);
  const result: PackageBenchResult = {
    stdout: child.stdout,
    seconds: Math.round(child.ms / 100) / 10,
  };
  if (bench.results) {
    const path = join(dir, bench.results);
    if (!existsSync(path) || statSync(path).mtimeMs < started) {
      throw new Error(`packages/${bench.pkg}/${bench.file} did not write ${bench.results}`);
    }
    result.json = JSON.parse(readFileSync(path, "utf8"));
  }
  return result;
}
