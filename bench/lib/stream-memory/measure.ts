import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { failure, runChild } from "../child.ts";
import { BENCH_DIR, OUT_DIR } from "../paths.ts";
import { mib, round } from "../stats.ts";
import { startChunkServer, textLengthOf } from "./chunk-server.ts";
import { CONTENDERS } from "./contenders.ts";

export interface StreamMemoryRow {
  kind: "iterate" | "accumulate";
  chunks: number;
  seconds: number;
  /** Peak RSS of the reading process (includes Node itself and the library's code). */
  peakRssMiB: number;
  /** Retained heap (after GC) before the request, at 10% of the stream, and at its end. */
  heapBeforeMiB: number;
  heapAt10PercentMiB: number;
  heapAtEndMiB: number;
  /** What the last 90% of the stream added to the retained heap: flat means bounded. */
  growthMiB: number;
}

export type StreamMemoryResult = Record<string, StreamMemoryRow>;

/**
 * Each contender reads one stream of `chunks` chat chunks from a loopback server, in its own
 * process, one after another; bounded by the chunk count and a timeout per contender.
 */
export async function measureStreamMemory(chunks: number): Promise<StreamMemoryResult> {
  const consumer = await compileConsumer();
  const server = await startChunkServer(chunks);
  const result: StreamMemoryResult = {};
  try {
    for (const [name, contender] of Object.entries(CONTENDERS)) {
      console.log(`  ${name}…`);
      const child = await runChild(
        process.execPath,
        ["--expose-gc", consumer, name, server.baseUrl, String(chunks)],
        {
          cwd: BENCH_DIR,
          timeoutMs: 600_000,
        },
      );
      if (child.code !== 0) throw failure(`stream-memory consumer "${name}"`, child);
      const report = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as ConsumerReport;
      const expected = contender.kind === "iterate" ? chunks + 1 : textLengthOf(chunks);
      if (report.seen !== expected)
        throw new Error(`${name} saw ${report.seen}, expected ${expected}`);
      const at10 = report.heapSamples[0] ?? report.heapBefore;
      result[name] = {
        kind: contender.kind,
        chunks: report.chunks,
        seconds: round(report.ms / 1000, 2),
        peakRssMiB: mib(report.peakRss),
        heapBeforeMiB: mib(report.heapBefore),
        heapAt10PercentMiB: mib(at10),
        heapAtEndMiB: mib(report.heapAtEnd),
        growthMiB: mib(report.heapAtEnd - at10),
      };
    }
  } finally {
    await server.close();
  }
  return result;
}

interface ConsumerReport {
  seen: number;
  chunks: number;
  ms: number;
  heapBefore: number;
  heapSamples: number[];
  heapAtEnd: number;
  peakRss: number;
}

/** Bundles consumer-main.ts with every package left external, so plain `node` can run it from `bench/`. */
async function compileConsumer(): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, "stream-memory-consumer.mjs");
  await build({
    entryPoints: [new URL("./consumer-main.ts", import.meta.url).pathname],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}
