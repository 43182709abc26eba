// `pnpm --filter @or/testing live-contract`: records a scripted set of real calls through the
// recorder (redacted), validates them against the spec @or/testing ships, and prints a drift
// report. Exit 0: no drift; 1: drift; 2: the check could not run as asked.
// Runs weekly against OpenRouter (.github/workflows/live-contract.yml); in tests, against or-replay.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runLiveContract } from "./live-contract";

const USAGE = `Usage: live-contract [--base-url <url>] [--model <id>] [--out <dir>] [--report <file>]
  --base-url  the API base to check (default https://openrouter.ai/api/v1)
  --model     the model of the calls (default openai/gpt-4o-mini)
  --out       where the redacted fixtures are written (default a new temporary folder)
  --report    also write the drift report to this file
OPENROUTER_API_KEY is the key sent upstream (required for openrouter.ai).`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      "base-url": { type: "string" },
      model: { type: "string" },
      out: { type: "string" },
      report: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

try {
  const result = await runLiveContract({
    baseUrl: values["base-url"],
    model: values.model,
    out: values.out ?? mkdtempSync(join(tmpdir(), "live-contract-")),
    apiKey: process.env.OPENROUTER_API_KEY || undefined,
  });
  console.log(result.report);
  if (values.report) writeFileSync(values.report, `${result.report}\n`);
  console.error(`fixtures written to ${result.out}`);
  process.exit(result.drifted ? 1 : 0);
} catch (error) {
  console.error(`live-contract: ${(error as Error).message}`);
  process.exit(2);
}
