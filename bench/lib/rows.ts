import type { AgentBundleResult } from "../agent/bundle.ts";
import type { StepOverheadResult } from "../agent/step-overhead.ts";
import type { BudgetResult } from "../size.ts";
import type { ColdImportResult } from "./cold-import.ts";
import type { TypecheckResult, TypecheckRun } from "./consumer-typecheck.ts";
import type { PackageBenchResult } from "./package-benches.ts";
import type { StreamMemoryResult } from "./stream-memory/measure.ts";
import type { StreamingBundleResult } from "./streaming-bundle.ts";
import type { Row } from "./table.ts";

/** Everything one run measured; a section is missing when it failed or was skipped. */
export interface Sections {
  budgets?: BudgetResult[];
  streamingBundle?: StreamingBundleResult;
  fetchBundle?: PackageBenchResult;
  coldImport?: ColdImportResult;
  typecheck?: TypecheckResult;
  requestOverhead?: PackageBenchResult;
  streamThroughput?: PackageBenchResult;
  streamMemory?: StreamMemoryResult;
  replay?: PackageBenchResult;
  adminPlan?: PackageBenchResult;
  agentBundle?: AgentBundleResult;
  agentStep?: StepOverheadResult;
}

/** A number at `path` in some JSON another bench wrote, or undefined when its shape changed. */
function at(json: unknown, ...path: string[]): number | undefined {
  let node = json;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" ? node : undefined;
}

/** A stream contender's number in packages/stream/bench/results.json (`results` is a list). */
function streamResult(json: unknown, name: string, key: string): number | undefined {
  const list = (json as { results?: { name?: string }[] } | undefined)?.results;
  return at(
    list?.find((r) => r.name === name),
    key,
  );
}

const kB = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1000);
const upTo = (ours: number | undefined, limit: number) =>
  ours === undefined ? undefined : ours <= limit;
const atMost = (ours: number | undefined, theirs: number | undefined, factor: number) =>
  ours === undefined || theirs === undefined ? undefined : ours <= theirs * factor;
const atLeast = (ours: number | undefined, theirs: number | undefined, factor: number) =>
  ours === undefined || theirs === undefined ? undefined : ours >= theirs * factor;

export function buildRows(s: Sections): Row[] {
  const rows: Row[] = [];
  const push = (row: Row) => rows.push(row);

  const b = s.streamingBundle;
  const f = s.fetchBundle?.json;
  const chatOurs = kB(at(f, "results", "@or/fetch", "gzipBytes"));
  const engineAlone = kB(at(f, "results", "openapi-fetch alone", "gzipBytes"));
  const budget = (name: string) => kB(s.budgets?.find((x) => x.name === name)?.goal);
  const streamingGoal = budget("+ streamChat + finalCompletion");
  const streamingOurs = kB(b?.["@or/fetch + @or/stream"]?.gzip);
  push({
    benchmark: "bundle, streaming path (min+gzip)",
    unit: "kB",
    better: "lower",
    ours: streamingOurs,
    sdk: kB(b?.["@openrouter/sdk (standalone functions)"]?.gzip),
    openai: kB(b?.openai?.gzip),
    floor: kB(b?.["eventsource-parser + fetch"]?.gzip),
    goal: streamingGoal ? `≤ ${streamingGoal} kB (size budget goal)` : "",
    met: streamingGoal === undefined ? undefined : upTo(streamingOurs, streamingGoal),
  });
  const a = s.agentBundle;
  const agentOurs = kB(a?.["@or/agent"]?.gzip);
  const agentPeer = kB(a?.["@openrouter/agent callModel"]?.gzip);
  const agentOpenai = kB(a?.["openai runTools"]?.gzip);
  push({
    benchmark: "bundle, two-tool agent app, zod external (sdk column: @openrouter/agent)",
    unit: "kB",
    better: "lower",
    ours: agentOurs,
    sdk: agentPeer,
    openai: agentOpenai,
    goal: "≤ 0.5× both",
    met:
      atMost(agentOurs, agentPeer, 0.5) === undefined
        ? undefined
        : !!atMost(agentOurs, agentPeer, 0.5) && !!atMost(agentOurs, agentOpenai, 0.5),
  });
  push({
    // The floor column here is openapi-fetch alone: the engine the client runs on.
    benchmark: "bundle, client + one chat call (min+gzip); floor = openapi-fetch alone",
    unit: "kB",
    better: "lower",
    ours: chatOurs,
    sdk: kB(at(f, "results", "@openrouter/sdk (standalone functions)", "gzipBytes")),
    openai: kB(at(f, "results", "openai", "gzipBytes")),
    floor: engineAlone,
    goal: "≤ openapi-fetch alone + 2.5 kB",
    met: engineAlone === undefined ? undefined : upTo(chatOurs, engineAlone + 2.5),
  });

  const c = s.coldImport;
  push({
    benchmark: "cold import, @or/fetch",
    unit: "ms",
    better: "lower",
    ours: c?.["@or/fetch"]?.medianMs,
    sdk: c?.["@openrouter/sdk"]?.medianMs,
    openai: c?.openai?.medianMs,
  });
  push({
    benchmark: "cold import, @or/stream (+ @or/fetch)",
    unit: "ms",
    better: "lower",
    ours: c?.["@or/stream"]?.medianMs,
    sdk: c?.["@openrouter/sdk"]?.medianMs,
    openai: c?.openai?.medianMs,
    floor: c?.["eventsource-parser"]?.medianMs,
  });

  for (const [setting, label] of [
    ["skipLibCheck", ""],
    ["fullLibCheck", ", skipLibCheck off"],
  ] as const) {
    const t = s.typecheck?.[setting];
    const of = (name: string, key: keyof TypecheckRun) => t?.[name]?.median[key];
    const seconds = (name: string) => {
      const ms = of(name, "totalMs");
      return ms === undefined ? undefined : ms / 1000;
    };
    push({
      benchmark: `consumer type-check${label}, tsc total time (4 calls)`,
      unit: "s",
      better: "lower",
      ours: seconds("@or/fetch"),
      sdk: seconds("@openrouter/sdk"),
      floor: seconds("floor"),
      goal: "≤ 0.8× sdk",
      met: atMost(seconds("@or/fetch"), seconds("@openrouter/sdk"), 0.8),
    });
    push({
      benchmark: `consumer type-check${label}, tsc peak RSS`,
      unit: "MiB",
      better: "lower",
      ours: of("@or/fetch", "peakRssMiB"),
      sdk: of("@openrouter/sdk", "peakRssMiB"),
      floor: of("floor", "peakRssMiB"),
      goal: "≤ 0.8× sdk",
      met: atMost(of("@or/fetch", "peakRssMiB"), of("@openrouter/sdk", "peakRssMiB"), 0.8),
    });
    push({
      benchmark: `consumer type-check${label}, tsc \`Memory used\``,
      unit: "MiB",
      better: "lower",
      ours: of("@or/fetch", "memoryMiB"),
      sdk: of("@openrouter/sdk", "memoryMiB"),
      floor: of("floor", "memoryMiB"),
    });
  }

  // Wall time per request; `medianMicrosPerRequest` was the field's name in earlier versions.
  const r = s.requestOverhead?.json;
  const perRequest = (name: string, measure: "wall" | "cpu") =>
    at(r, "results", name, `${measure}MicrosPerRequest`) ??
    (measure === "wall" ? at(r, "results", name, "medianMicrosPerRequest") : undefined);
  for (const measure of ["wall", "cpu"] as const) {
    const ours = perRequest("@or/fetch", measure);
    const floor = perRequest("bare fetch", measure);
    const openai = perRequest("openai", measure);
    const engine = perRequest("openapi-fetch", measure);
    if (measure === "cpu" && ours === undefined) continue;
    const what = measure === "wall" ? "wall" : "CPU";
    push({
      benchmark: `request overhead, chat call on loopback: ${what} time per request`,
      unit: "µs",
      better: "lower",
      ours,
      sdk: perRequest("@openrouter/sdk", measure),
      openai,
      floor,
      goal: "≤ 0.8× openai (stretch: ≤ 1.10× bare fetch)",
      met: atMost(ours, openai, 0.8),
    });
    if (engine === undefined) continue;
    push({
      // The floor column here is openapi-fetch's own createClient: what our layers add to it.
      benchmark: `request overhead, ${what} time per request; floor = openapi-fetch's createClient`,
      unit: "µs",
      better: "lower",
      ours,
      floor: engine,
      goal: "≤ 1.05× openapi-fetch",
      met: atMost(ours, engine, 1.05),
    });
  }

  const st = s.streamThroughput?.json;
  const iterOurs = streamResult(st, "ChatStream iteration", "mbPerSec");
  const iterFloor = streamResult(st, "eventsource-parser + JSON.parse", "mbPerSec");
  const iterOpenai = streamResult(st, "openai Stream", "mbPerSec");
  push({
    benchmark: "stream iteration throughput (in memory)",
    unit: "MB/s",
    better: "higher",
    ours: iterOurs,
    sdk: streamResult(st, "@openrouter/sdk stream", "mbPerSec"),
    openai: iterOpenai,
    floor: iterFloor,
    goal: "≥ 0.9× floor, ≥ 3× openai",
    met:
      atLeast(iterOurs, iterFloor, 0.9) === undefined
        ? undefined
        : Boolean(atLeast(iterOurs, iterFloor, 0.9) && atLeast(iterOurs, iterOpenai, 3)),
  });
  const accOurs = streamResult(st, "ChatStream finalCompletion()", "mbPerSec");
  const accOpenai = streamResult(st, "openai .stream() finalChatCompletion()", "mbPerSec");
  push({
    benchmark: "stream accumulation throughput (in memory)",
    unit: "MB/s",
    better: "higher",
    ours: accOurs,
    openai: accOpenai,
    goal: "≥ 4× openai",
    met: atLeast(accOurs, accOpenai, 4),
  });

  const m = s.streamMemory;
  const chunks = m ? Object.values(m)[0]?.chunks : undefined;
  const label = chunks ? `${(chunks - 1).toLocaleString("en-US")} chunks` : "1,000,000 chunks";
  push({
    benchmark: `streaming ${label} over loopback HTTP, iterate: time`,
    unit: "s",
    better: "lower",
    ours: m?.["ChatStream (accumulate off)"]?.seconds,
    sdk: m?.["@openrouter/sdk stream"]?.seconds,
    openai: m?.["openai Stream"]?.seconds,
    floor: m?.["eventsource-parser + JSON.parse"]?.seconds,
  });
  for (const [what, key] of [
    ["peak RSS", "peakRssMiB"],
    ["retained heap at end", "heapAtEndMiB"],
  ] as const) {
    push({
      benchmark: `streaming ${label}, iterate (accumulate off): ${what}`,
      unit: "MiB",
      better: "lower",
      ours: m?.["ChatStream (accumulate off)"]?.[key],
      sdk: m?.["@openrouter/sdk stream"]?.[key],
      openai: m?.["openai Stream"]?.[key],
      floor: m?.["eventsource-parser + JSON.parse"]?.[key],
    });
  }
  push({
    benchmark: `streaming ${label}, accumulate: time`,
    unit: "s",
    better: "lower",
    ours: m?.["ChatStream (accumulate on)"]?.seconds,
    openai: m?.["openai .stream() helper"]?.seconds,
  });
  for (const [what, key] of [
    ["peak RSS", "peakRssMiB"],
    ["retained heap at end", "heapAtEndMiB"],
  ] as const) {
    push({
      benchmark: `streaming ${label}, accumulate (finalCompletion): ${what}`,
      unit: "MiB",
      better: "lower",
      ours: m?.["ChatStream (accumulate on)"]?.[key],
      openai: m?.["openai .stream() helper"]?.[key],
    });
  }
  return rows;
}

/** Benchmarks with no peer: what they printed, one line each. */
export function otherResults(s: Sections): string[] {
  const lines: string[] = [];
  const replay = s.replay?.stdout ?? "";
  for (const line of replay.split("\n"))
    if (/req\/s|MiB\/s/.test(line)) lines.push(`@or/testing replay server: ${line.trim()}`);
  const admin = s.adminPlan?.stdout ?? "";
  for (const line of admin.split("\n")) {
    if (/\d s$|steps|requests/.test(line.trim()))
      lines.push(`@or/admin plan/apply: ${line.trim().replace(/\s{2,}/g, " ")}`);
  }
  const step = s.agentStep;
  if (step) {
    lines.push(
      `@or/agent per-step overhead over a bare streamChat: loopback wall ${step.agentMs} vs ${step.bareMs} ms a request (ratio ${step.ratio}), CPU ${step.agentCpuMs} vs ${step.bareCpuMs} ms (ratio ${step.cpuRatio}); from memory ${step.inMemoryAgentUs} vs ${step.inMemoryBareUs} µs of CPU, the step adds ${(step.overheadShare * 100).toFixed(1)}% of a loopback request; goal ≤ 5%`,
    );
  }
  for (const budget of s.budgets ?? []) {
    lines.push(
      `size budget "${budget.name}": ${(budget.gzip / 1000).toFixed(2)} kB gzip, budget ${(budget.budget / 1000).toFixed(1)} kB${budget.over ? " (OVER)" : ""}, goal ${(budget.goal / 1000).toFixed(1)} kB${budget.gzip > budget.goal ? " (not met)" : ""}`,
    );
  }
  return lines;
}
