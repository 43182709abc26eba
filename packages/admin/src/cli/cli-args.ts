import { parseArgs } from "node:util";
import { UsageError } from "./cli-error";

export interface CliArgs {
  command: string[];
  file?: string;
  prune: boolean;
  yes: boolean;
  json: boolean;
  secretsOut?: string;
  baseUrl?: string;
  workspace?: string;
  includeDisabled: boolean;
  deleteOld: boolean;
  limit?: number;
  concurrency: number;
  help: boolean;
  /** `export -o <file>`. */
  output?: string;
  /** `export --force`: write over an existing file. */
  force: boolean;
  version: boolean;
}

const OPTIONS = {
  file: { type: "string", short: "f" },
  prune: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  json: { type: "boolean" },
  "secrets-out": { type: "string" },
  "base-url": { type: "string" },
  workspace: { type: "string" },
  "include-disabled": { type: "boolean" },
  "delete-old": { type: "boolean" },
  limit: { type: "string" },
  concurrency: { type: "string" },
  help: { type: "boolean", short: "h" },
  output: { type: "string", short: "o" },
  force: { type: "boolean" },
  version: { type: "boolean", short: "v" },
} as const;

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`--${name} must be a whole number of 1 or more, got "${text}"`);
  return value;
}

/** Reads the command line; unknown options are errors, not ignored. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  return {
    command: parsed.positionals,
    ...(v.file !== undefined && { file: v.file }),
    prune: v.prune ?? false,
    yes: v.yes ?? false,
    json: v.json ?? false,
    ...(v["secrets-out"] !== undefined && { secretsOut: v["secrets-out"] }),
    ...(v["base-url"] !== undefined && { baseUrl: v["base-url"] }),
    ...(v.workspace !== undefined && { workspace: v.workspace }),
    includeDisabled: v["include-disabled"] ?? false,
    deleteOld: v["delete-old"] ?? false,
    ...(v.limit !== undefined && { limit: positiveInteger("limit", v.limit) }),
    concurrency: positiveInteger("concurrency", v.concurrency) ?? 8,
    help: v.help ?? false,
    ...(v.output !== undefined && { output: v.output }),
    force: v.force ?? false,
    version: v.version ?? false,
  };
}
