import { createAdmin, type Admin } from "../admin";
import type { CliArgs } from "./cli-args";
import { CliError } from "./cli-error";
import { checkKey, scrubKeys } from "./key-check";

export interface CliContext {
  args: CliArgs;
  /** HTTP requests sent so far (retries included). */
  requests(): number;
  /** The admin client; asks for the key only when first used (bad input fails before). */
  admin(): Admin;
  out(text: string): void;
  err(text: string): void;
}

/** Reads the key and base URL from the environment and flags. */
export function cliContext(args: CliArgs, env: NodeJS.ProcessEnv = process.env): CliContext {
  let admin: Admin | undefined;
  const managementKeys = [env.OPENROUTER_MANAGEMENT_KEY, env.OPENROUTER_API_KEY];
  let requests = 0;
  return {
    args,
    requests: () => requests,
    admin() {
      if (admin) return admin;
      const variable = env.OPENROUTER_MANAGEMENT_KEY
        ? "OPENROUTER_MANAGEMENT_KEY"
        : "OPENROUTER_API_KEY";
      const given = env[variable];
      if (!given)
        throw new CliError(
          "no management key set: or-admin reads it from OPENROUTER_MANAGEMENT_KEY, else OPENROUTER_API_KEY",
        );
      const apiKey = checkKey(variable, given);
      const baseUrl = args.baseUrl ?? env.OPENROUTER_BASE_URL;
      admin = createAdmin({
        apiKey,
        ...(baseUrl && { baseUrl }),
        logLevel: "error",
        fetch: (request) => {
          requests += 1;
          return fetch(request);
        },
      });
      return admin;
    },
    // The management key never reaches the terminal, whatever message carries it.
    out: (text) => process.stdout.write(`${scrubKeys(text, managementKeys)}\n`),
    err: (text) => process.stderr.write(`${scrubKeys(text, managementKeys)}\n`),
  };
}

/** The workspace id for `--workspace` (a slug or id), or every workspace when absent. */
export async function workspacesFor(
  context: CliContext,
): Promise<Array<{ id: string; slug: string }>> {
  const admin = context.admin();
  if (context.args.workspace !== undefined) {
    const workspace = await admin.workspaces.get(context.args.workspace);
    return [{ id: workspace.id, slug: workspace.slug }];
  }
  return (await admin.workspaces.list().toArray()).map((w) => ({ id: w.id, slug: w.slug }));
}
