import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { exportState } from "../../export/export-state";
import { stateToText } from "../../export/state-text";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import { Progress } from "../progress";

const DEFAULT_BASE = "https://openrouter.ai/api/v1";

/**
 * `or-admin export [-o file] [--workspace slug] [--force]`: the account as a state file that
 * `plan` reports as "No changes". Warnings (what could not be written) go to stderr and into
 * the file's header. An existing file is written over only with `--force`.
 */
export async function exportCommand(context: CliContext): Promise<number> {
  const { args } = context;
  if (args.output !== undefined && !args.force && existsSync(args.output)) {
    context.err(`or-admin: ${args.output} exists; pass --force to write over it.`);
    return EXIT.error;
  }
  const progress = new Progress();
  const { state, warnings } = await exportState(context.admin(), {
    ...(args.workspace !== undefined && { workspace: args.workspace }),
    concurrency: args.concurrency,
    onProgress: () => progress.update("Reading the account, requests", context.requests()),
  });
  progress.finish(`Read the account in ${context.requests()} requests.`);
  const source = args.baseUrl ?? process.env.OPENROUTER_BASE_URL ?? DEFAULT_BASE;
  const header = [
    `Exported by or-admin export from ${source}${args.workspace === undefined ? "" : ` (workspace ${args.workspace})`} at ${new Date().toISOString()}.`,
    "Secrets are never exported: BYOK keys and secret config values are left out (plan leaves them",
    "as they are); to set one, write key: ${ENV_NAME} and export the variable.",
    ...warnings.map((w) => `Not exported: ${w}`),
  ];
  const text = stateToText(state, {
    header,
    format: args.output?.endsWith(".json") ? "json" : "yaml",
  });
  for (const warning of warnings) context.err(`or-admin: warning: ${warning}`);
  if (args.output === undefined) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  try {
    // "wx" fails when the file exists, also when it appeared since we looked.
    await writeFile(args.output, text, { flag: args.force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      context.err(`or-admin: ${args.output} exists; pass --force to write over it.`);
      return EXIT.error;
    }
    throw error;
  }
  context.err(`Wrote ${args.output}.`);
  return EXIT.ok;
}
