/**
 * Every benchmark of the repository in one run, as one table of ratios against the peers
 * (@openrouter/sdk, openai, and the hand-written floor). Writes bench/results.json.
 *
 *   pnpm bench                     (from the root: builds the packages first)
 *   pnpm --filter @or/bench bench [--quick] [--only a,b] [--readme]
 *
 * --quick    small sizes, to check that everything runs (numbers not comparable)
 * --only     sections to run, by name (see SECTIONS)
 * --readme   also put the table into bench/README.md
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { measureAgentBundles } from "./agent/bundle.ts";
import { measureStepOverhead } from "./agent/step-overhead.ts";
import { measureBudgets } from "./size.ts";
import { measureColdImports } from "./lib/cold-import.ts";
import { measureConsumerTypecheck } from "./lib/consumer-typecheck.ts";
import { load, machine } from "./lib/machine.ts";
import { runPackageBench } from "./lib/package-benches.ts";
import { buildRows, otherResults, type Sections } from "./lib/rows.ts";
import { measureStreamMemory } from "./lib/stream-memory/measure.ts";
import { measureStreamingBundles } from "./lib/streaming-bundle.ts";
import { markdownTable } from "./lib/table.ts";

const { values } = parseArgs({
  // `pnpm bench -- --quick` hands the `--` on.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    readme: { type: "boolean", default: false },
  },
});
const quick = values.quick;

/** The sections in the order they run; each fills one key of `Sections`. */
const SECTIONS: { name: string; key: keyof Sections; run: () => Promise<unknown> }[] = [
  { name: "size", key: "budgets", run: measureBudgets },
  { name: "bundle", key: "streamingBundle", run: measureStreamingBundles },
  { name: "fetch-bundle", key: "fetchBundle", run: () => runPackageBench("fetchBundle", quick) },
  { name: "cold-import", key: "coldImport", run: () => measureColdImports(quick ? 3 : 15) },
  { name: "typecheck", key: "typecheck", run: () => measureConsumerTypecheck(quick ? 1 : 3) },
  {
    name: "request-overhead",
    key: "requestOverhead",
    run: () => runPackageBench("requestLoop", quick),
  },
  {
    name: "stream-throughput",
    key: "streamThroughput",
    run: () => runPackageBench("stream", quick),
  },
  {
    name: "stream-memory",
    key: "streamMemory",
    run: () => measureStreamMemory(quick ? 20_000 : 1_000_000),
  },
  { name: "replay", key: "replay", run: () => runPackageBench("replay", quick) },
  { name: "admin-plan", key: "adminPlan", run: () => runPackageBench("adminPlan", quick) },
  { name: "agent-bundle", key: "agentBundle", run: measureAgentBundles },
  {
    name: "agent-step",
    key: "agentStep",
    run: () => (quick ? measureStepOverhead(3, 5) : measureStepOverhead()),
  },
];

const only = values.only?.split(",");
const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name));
if (unknown?.length)
  throw new Error(
    `unknown sections: ${unknown.join(", ")}; known: ${SECTIONS.map((s) => s.name).join(", ")}`,
  );

const sections: Sections = {};
const runs: Record<
  string,
  { seconds: number; loadBefore: number; loadAfter: number; error?: string }
> = {};
const host = machine();
const started = new Date();
console.log(
  `${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, node ${host.node}${quick ? " (--quick)" : ""}`,
);

for (const section of SECTIONS) {
  if (only && !only.includes(section.name)) continue;
  const loadBefore = load();
  console.log(`\n▶ ${section.name} (load ${loadBefore})`);
  const t0 = performance.now();
  try {
    (sections as Record<string, unknown>)[section.key] = await section.run();
    runs[section.name] = {
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      loadBefore,
      loadAfter: load(),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    runs[section.name] = {
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      loadBefore,
      loadAfter: load(),
      error: message,
    };
    console.error(`✗ ${section.name}: ${message}`);
  }
}

const rows = buildRows(sections);
const table = markdownTable(rows);
const others = otherResults(sections);
const failed = Object.entries(runs).filter(([, r]) => r.error);
const maxLoad = Math.max(...Object.values(runs).flatMap((r) => [r.loadBefore, r.loadAfter]));
const summary = [
  `Measured ${started.toISOString().slice(0, 10)} on ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}` +
    `; highest 1-minute load average during the run: ${maxLoad}${maxLoad > host.cores ? " (the machine was busy with other work)" : ""}${quick ? "; --quick sizes" : ""}.`,
  "",
  table,
  "",
  ...others.map((line) => `- ${line}`),
].join("\n");

console.log(`\n${summary}`);
await writePretty(
  new URL("./results.json", import.meta.url),
  JSON.stringify({
    date: started.toISOString(),
    quick,
    machine: host,
    runs,
    rows,
    others,
    sections,
  }),
);
console.log("\nwrote bench/results.json");

if (values.readme) {
  const readme = new URL("./README.md", import.meta.url);
  const text = readFileSync(readme, "utf8");
  const marked = /(<!-- results:start -->\n)[\s\S]*?(\n<!-- results:end -->)/;
  if (!marked.test(text))
    throw new Error("bench/README.md has no <!-- results:start/end --> markers");
  await writePretty(
    readme,
    text.replace(marked, (_, start: string, end: string) => `${start}${summary}${end}`),
  );
  console.log("updated bench/README.md");
}

/** Writes a file as `pnpm format` would, so that `format:check` passes on what a run leaves. */
async function writePretty(url: URL, text: string): Promise<void> {
  const path = fileURLToPath(url);
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
}

if (failed.length) {
  console.error(`\n${failed.length} section(s) failed: ${failed.map(([name]) => name).join(", ")}`);
  process.exit(1);
}
