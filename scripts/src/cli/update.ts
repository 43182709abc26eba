import { writeFileSync } from "node:fs";
import { UpdateError, updateSpec, type UpdateResult } from "../update/pipeline.ts";
import { parseFlags, UsageError } from "./flags.ts";

/**
 * `or-spec update [--from <url|path>] [--skip-checks] [--base-optional] [--report <file>]
 * [--timeout <ms>]`. Exit 0 when unchanged or updated with every check passing, 1 when a check
 * failed (the changeset is written all the same).
 */
export async function runUpdate(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    from: { type: "string" },
    timeout: { type: "string" },
    report: { type: "string" },
    "skip-checks": { type: "boolean" },
    "base-optional": { type: "boolean" },
  });
  const { positionals } = flags;
  const values = flags.values as {
    from?: string;
    timeout?: string;
    report?: string;
    "skip-checks"?: boolean;
    "base-optional"?: boolean;
  };
  if (positionals.length > 0) {
    throw new UsageError(
      `spec:update takes no positional arguments (got ${positionals.join(" ")}).`,
    );
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new UsageError(
      `--timeout must be a positive number of milliseconds (got ${values.timeout}).`,
    );
  }
  let result: UpdateResult;
  try {
    result = await updateSpec({
      from: values.from,
      timeoutMs,
      checks: values["skip-checks"] ? [] : undefined,
      baseOptional: values["base-optional"] ?? false,
      log: (line) => console.log(line),
    });
  } catch (error) {
    if (!(error instanceof UpdateError)) throw error;
    process.stderr.write(`or-spec update: ${error.message}\n`);
    return 1;
  }
  if (values.report) writeFileSync(values.report, result.report);
  if (result.status === "updated" && result.diff) {
    console.log("");
    console.log(result.report);
  }
  return result.ok ? 0 : 1;
}
