// GitHub's own workflow parser (@actions/workflow-parser), for the tests of .github/workflows.
import { spawn } from "node:child_process";

// @actions/workflow-parser imports its JSON schema without an import attribute, which Node (and
// so vitest, which leaves dependencies to Node) refuses; tsx accepts it, so it runs under tsx.
const PARSE = `
import { readFileSync } from "node:fs";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
const [name, content] = JSON.parse(readFileSync(0, "utf8"));
const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
let errors = parsed.context.errors.getErrors().map((e) => e.message);
if (errors.length === 0 && parsed.value) {
  errors = ((await convertWorkflowTemplate(parsed.context, parsed.value)).errors ?? []).map((e) => e.Message);
}
process.stdout.write(JSON.stringify(errors));
`;

/** Errors GitHub's workflow parser reports for a workflow file (`name` as in its messages). */
export function workflowErrors(content: string, name = "workflow.yml"): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PARSE], {
      cwd: new URL("../..", import.meta.url).pathname,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => (err += c));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
    child.stdin.end(JSON.stringify([name, content]));
  });
}

/** Five cron fields, each within its range (GitHub's schedule syntax, no names or seconds). */
export function cronProblems(expression: string): string[] {
  const ranges: [number, number][] = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 6],
  ];
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return [`${fields.length} fields, expected 5`];
  return fields.flatMap((field, i) => {
    const [min, max] = ranges[i]!;
    const ok = field.split(",").every((part) => {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return false;
      const numbers = [m[2], m[3], m[4]].filter((n) => n !== undefined).map(Number);
      return (
        numbers.slice(0, 2).every((n) => n >= min && n <= max) &&
        (m[4] === undefined || Number(m[4]) > 0)
      );
    });
    return ok ? [] : [`field ${i + 1} "${field}" is out of ${min}-${max}`];
  });
}
