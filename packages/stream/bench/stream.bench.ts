/**
 * Throughput of @or/stream against eventsource-parser + JSON.parse, openai's `Stream` and
 * `.stream()` helper, and @openrouter/sdk, on the same bytes in one run; then the retained
 * memory of a long stream with and without accumulation.
 *
 * Run: pnpm --filter @or/stream bench (BENCH_CHUNKS, BENCH_RUNS, BENCH_READ change the size;
 * BENCH_ONLY=parser,iteration runs only the contenders whose names contain those words).
 * Writes bench/results.json.
 */
import { writeFileSync } from "node:fs";
import { getPriority, loadavg, setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { chatStreamBytes } from "./chat-bytes.ts";
import { CONTENDERS, type Contender } from "./contenders.ts";
import { measureMemory } from "./memory.ts";

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const READ_SIZE = Number(process.env.BENCH_READ ?? 16 * 1024);
/** Comma-separated parts of contender names to run (all by default), to look at a few closely. */
const ONLY = process.env.BENCH_ONLY?.split(",").map((part) => part.trim().toLowerCase());
const SELECTED = ONLY
  ? CONTENDERS.filter((c) => ONLY.some((part) => c.name.toLowerCase().includes(part)))
  : CONTENDERS;

interface Result {
  name: string;
  kind: Contender["kind"];
  medianMs: number;
  bestMs: number;
  mbPerSec: number;
  bestMbPerSec: number;
  chunksPerSec: number;
  runsMs: number[];
  saw: number;
}

/**
 * Runs every contender once per round, starting each round with a different one, so that
 * whatever else the machine is doing is spread evenly over them. One warm-up round first.
 */
async function measureAll(bytes: Uint8Array): Promise<Result[]> {
  const saw = new Map<Contender, number>();
  for (const contender of SELECTED) saw.set(contender, await contender.run(bytes, READ_SIZE));
  const runs = new Map<Contender, number[]>(SELECTED.map((c) => [c, []]));
  for (let round = 0; round < RUNS; round++) {
    for (let i = 0; i < SELECTED.length; i++) {
      const contender = SELECTED[(round + i) % SELECTED.length]!;
      const start = performance.now();
      const again = await contender.run(bytes, READ_SIZE);
      runs.get(contender)!.push(performance.now() - start);
      if (again !== saw.get(contender))
        throw new Error(`${contender.name} read ${again}, then ${saw.get(contender)}`);
    }
    console.log(`  round ${round + 1}/${RUNS} done`);
  }
  return SELECTED.map((contender) => {
    const runsMs = runs.get(contender)!;
    const sorted = [...runsMs].sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)]!;
    const bestMs = sorted[0]!;
    const mbPerSec = (ms: number) => round(bytes.length / 1e6 / (ms / 1000));
    return {
      name: contender.name,
      kind: contender.kind,
      medianMs: round(medianMs),
      bestMs: round(bestMs),
      mbPerSec: mbPerSec(medianMs),
      bestMbPerSec: mbPerSec(bestMs),
      chunksPerSec: Math.round((CHUNKS + 4) / (medianMs / 1000)),
      runsMs: runsMs.map(round),
      saw: saw.get(contender)!,
    };
  });
}

const round = (n: number) => Math.round(n * 10) / 10;

/** JSON as prettier writes it (short arrays of numbers on one line), so the file stays formatted. */
function toJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2).replace(
    /\[\s+([-\d.e, \n]*?)\s+\]/g,
    (_all, inner: string) => `[${inner.split(/,\s+/).join(", ")}]`,
  );
  return `${json}\n`;
}

/** Asks for a higher scheduling priority (allowed as root), so other processes disturb less. */
function raisePriority(): number {
  try {
    setPriority(-15);
  } catch {
    // Not allowed: run at the normal priority.
  }
  return getPriority();
}

async function main() {
  const priority = raisePriority();
  const bytes = chatStreamBytes(CHUNKS);
  console.log(
    `${CHUNKS} chunks, ${(bytes.length / 1e6).toFixed(1)} MB, ${READ_SIZE} B reads, ${RUNS} interleaved rounds, ` +
      `node ${process.version}, priority ${priority}\n`,
  );
  const results = await measureAll(bytes);
  const iterated = new Set(results.filter((r) => r.kind === "iterate").map((r) => r.saw));
  if (iterated.size > 1) throw new Error(`contenders saw different chunk counts: ${[...iterated]}`);
  const accumulated = new Set(results.filter((r) => r.kind === "accumulate").map((r) => r.saw));
  if (accumulated.size > 1)
    throw new Error(`contenders built different texts: ${[...accumulated]}`);

  const find = (name: string) => results.find((r) => r.name === name);
  const ratio = (a: string, b: string, key: "mbPerSec" | "bestMbPerSec") => {
    const [x, y] = [find(a), find(b)];
    return x && y ? Math.round((x[key] / y[key]) * 100) / 100 : Number.NaN;
  };
  const goals = [
    [
      "iteration ≥ 0.9× eventsource-parser + JSON.parse",
      "ChatStream iteration",
      "eventsource-parser + JSON.parse",
      0.9,
    ],
    ["iteration ≥ 3× openai Stream", "ChatStream iteration", "openai Stream", 3],
    [
      "iteration vs @openrouter/sdk stream",
      "ChatStream iteration",
      "@openrouter/sdk stream",
      undefined,
    ],
    [
      "accumulation ≥ 4× openai .stream() helper",
      "ChatStream finalCompletion()",
      "openai .stream() finalChatCompletion()",
      4,
    ],
  ].map(([goal, a, b, target]) => {
    const median = ratio(a as string, b as string, "mbPerSec");
    return {
      goal: goal as string,
      ratio: median,
      ratioOfBest: ratio(a as string, b as string, "bestMbPerSec"),
      target: target as number | undefined,
      met: target === undefined || Number.isNaN(median) ? undefined : median >= (target as number),
    };
  });

  console.log(
    "\n| contender | MB/s (median) | MB/s (best) | chunks/s | median ms |\n| --- | ---: | ---: | ---: | ---: |",
  );
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.mbPerSec} | ${r.bestMbPerSec} | ${r.chunksPerSec} | ${r.medianMs} |`,
    );
  }
  console.log("\n| goal | ratio (medians) | ratio (bests) | met |\n| --- | ---: | ---: | --- |");
  for (const g of goals) {
    console.log(
      `| ${g.goal} | ${g.ratio}× | ${g.ratioOfBest}× | ${g.met === undefined ? "-" : g.met ? "yes" : "NO"} |`,
    );
  }

  const memory = [
    await measureMemory(bytes, READ_SIZE, false),
    await measureMemory(bytes, READ_SIZE, true),
  ];
  console.log(
    "\n| memory (retained heap after GC) | at 10% | at end | growth |\n| --- | ---: | ---: | ---: |",
  );
  for (const m of memory) {
    const label = m.accumulate ? "accumulate: true" : "accumulate: false (default)";
    console.log(
      `| ${label} | ${m.heapAt10PercentMiB} MiB | ${m.heapAtEndMiB} MiB | ${m.growthMiB} MiB |`,
    );
  }

  const out = fileURLToPath(new URL("./results.json", import.meta.url));
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    chunks: CHUNKS,
    bytes: bytes.length,
    readSize: READ_SIZE,
    runs: RUNS,
    priority,
    loadAverage: loadavg(),
    results,
    goals,
    memory,
  };
  writeFileSync(out, toJson(report));
  console.log(`\nwrote ${out}`);
}

await main();
