/**
 * The incomplete-JSON parsers for `streamParsed`, on the same structured answers streamed in
 * small deltas: ours (`GrowingJson`, one pass) against `partial-json` and
 * `best-effort-json-parser` (each re-parses the whole text so far at every delta).
 * Interleaved rounds (each starts with another contender), medians.
 *
 * Run: pnpm --filter @or/agent exec tsx bench/partial-json.bench.ts   (BENCH_RUNS=5)
 */
import { parse as bestEffort } from "best-effort-json-parser";
import { parse as partialJson } from "partial-json";
import { GrowingJson } from "../src/partial-json.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DELTA = 4; // characters per delta, about a token
bestEffort.onExtraToken = () => undefined;

/** An answer of `items` records, as a model would write it for a list schema. */
function answer(items: number): string {
  return JSON.stringify({
    items: Array.from({ length: items }, (_, i) => ({
      id: i,
      name: `item number ${i}`,
      tags: ["a", "b"],
      price: i * 1.25,
      ok: i % 2 === 0,
    })),
  });
}

function deltasOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += DELTA) out.push(text.slice(i, i + DELTA));
  return out;
}

type Contender = { name: string; run: (deltas: string[]) => number };

/** How a library that parses a whole text is used on a stream: the text so far, at every delta. */
function reparsing(parse: (text: string) => unknown): Contender["run"] {
  return (deltas) => {
    let text = "";
    let shown = 0;
    for (const delta of deltas) {
      text += delta;
      try {
        parse(text);
        shown++;
      } catch {
        // not yet a prefix it can read
      }
    }
    return shown;
  };
}

const CONTENDERS: Contender[] = [
  {
    name: "ours (GrowingJson)",
    run: (deltas) => {
      const json = new GrowingJson();
      let shown = 0;
      for (const delta of deltas) if (json.push(delta)) shown++;
      return shown;
    },
  },
  { name: "partial-json 0.1.7", run: reparsing((text) => partialJson(text, 1 | 4 | 8)) },
  { name: "best-effort-json-parser 1.5.1", run: reparsing(bestEffort) },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

for (const items of [10, 60, 300]) {
  const text = answer(items);
  const deltas = deltasOf(text);
  const times = new Map<Contender, number[]>(CONTENDERS.map((c) => [c, []]));
  for (const c of CONTENDERS) c.run(deltas); // warm-up
  for (let round = 0; round < RUNS; round++) {
    for (let i = 0; i < CONTENDERS.length; i++) {
      const contender = CONTENDERS[(round + i) % CONTENDERS.length]!;
      const start = performance.now();
      contender.run(deltas);
      times.get(contender)!.push(performance.now() - start);
    }
  }
  console.log(`${text.length} characters in ${deltas.length} deltas of ${DELTA}:`);
  const ours = median(times.get(CONTENDERS[0]!)!);
  for (const c of CONTENDERS) {
    const ms = median(times.get(c)!);
    console.log(
      `  ${c.name.padEnd(31)} ${ms.toFixed(2).padStart(9)} ms  (${((ms / deltas.length) * 1000).toFixed(1)} µs a delta, ${(ms / ours).toFixed(1)}x ours)`,
    );
  }
}
