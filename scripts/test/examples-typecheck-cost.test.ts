// Measurement, not a unit test: what keeping `example`s costs a consumer's `tsc --noEmit`.
// Opt-in (`OR_MEASURE=1 pnpm --filter @or/scripts test examples-typecheck-cost`): it runs tsc
// several times on ~1 MB of types. Timings are printed, never asserted.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, describe, expect, test } from "vitest";
import { applyOverlays } from "../../openapi/overlays/index.ts";
import { prepareForGenerator } from "../src/prepare-for-generator.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { plainGenerate } from "./support/generator.ts";
import { readSpec } from "./support/shared-specs.ts";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const RUNS = 3;

const CONSUMER = `import type { components, operations } from "./openapi.js";

type ChatRequest = components["schemas"]["ChatRequest"];
export const request: ChatRequest = {
  model: "openai/gpt-4o",
  messages: [{ role: "user", content: "Hello" }],
};
type Models = operations["getModels"]["responses"][200]["content"]["application/json"]["data"];
export const firstId = (models: Models) => models[0]?.id;
// @ts-expect-error \`messages\` is required: proves the types resolved.
export const missing: ChatRequest = { model: "openai/gpt-4o" };
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2022", "DOM"],
    types: [],
    skipLibCheck: true,
  },
  files: ["consumer.ts"],
};

interface TscRun {
  code: number;
  output: string;
  /** Wall time of the whole process, ms. */
  ms: number;
  /** tsc's own phase timings (`--extendedDiagnostics`), seconds. */
  phases: Record<string, number>;
}

function runTsc(dir: string): Promise<TscRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, "-p", dir, "--extendedDiagnostics"],
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        const output = stdout + stderr;
        const phases: Record<string, number> = {};
        for (const [, name, value] of output.matchAll(
          /^(Parse time|Check time|Total time):\s+([\d.]+)s$/gm,
        )) {
          phases[name!] = Number(value);
        }
        resolve({ code, output, ms: performance.now() - started, phases });
      },
    );
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.runIf(process.env.OR_MEASURE === "1")(
  "examples: size and consumer type-check time",
  () => {
    const base = mkdtempSync(join(tmpdir(), "or-examples-cost-"));
    afterAll(() => rmSync(base, { recursive: true, force: true }));

    test("both variants type-check a consumer; sizes and median tsc times are printed", async () => {
      const overlaid = applyOverlays(readSpec()).doc as OpenApiDocument;
      const variants: Record<string, string> = {
        "with examples": await plainGenerate(
          prepareForGenerator(overlaid, { stripExamples: false }).doc,
        ),
        "examples stripped": await plainGenerate(
          prepareForGenerator(overlaid, { stripExamples: true }).doc,
        ),
      };
      const lines: string[] = [];
      for (const [name, types] of Object.entries(variants)) {
        const dir = join(base, name.replace(/\W+/g, "-"));
        mkdirSync(dir);
        writeFileSync(join(dir, "openapi.ts"), types);
        writeFileSync(join(dir, "consumer.ts"), CONSUMER);
        writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
        const runs: TscRun[] = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await runTsc(dir);
          expect(run.output).not.toMatch(/error TS\d+/);
          expect(run.code).toBe(0);
          runs.push(run);
        }
        const kib = (Buffer.byteLength(types) / 1024).toFixed(0);
        const phase = (name: string) => median(runs.map((r) => r.phases[name] ?? NaN)).toFixed(2);
        lines.push(
          `${name}: openapi.ts ${kib} KiB; median of ${RUNS} tsc --noEmit: ` +
            `wall ${median(runs.map((r) => r.ms)).toFixed(0)} ms, parse ${phase("Parse time")} s, ` +
            `check ${phase("Check time")} s, total ${phase("Total time")} s`,
        );
      }
      console.info(lines.join("\n"));
    }, 600_000); // only a hang reaches it, as vitest.config.ts says
  },
);
