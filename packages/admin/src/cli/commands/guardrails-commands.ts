import type { Guardrail } from "../../types";
import { EXIT } from "../cli-error";
import { workspacesFor, type CliContext } from "../cli-context";
import { renderTable } from "../table";

const listed = (values: string[] | null | undefined) => (values?.length ? values.join(",") : "");

/** `or-admin guardrails list`: the guardrails of every workspace (or `--workspace`). */
export async function guardrailsListCommand(context: CliContext): Promise<number> {
  const { args } = context;
  const found: Array<Guardrail & { workspace: string }> = [];
  for (const workspace of await workspacesFor(context)) {
    const remaining = args.limit === undefined ? undefined : args.limit - found.length;
    if (remaining !== undefined && remaining <= 0) break;
    const list = context.admin().guardrails.list({
      workspaceId: workspace.id,
      ...(remaining !== undefined && { limit: remaining }),
    });
    for await (const guardrail of list) found.push({ ...guardrail, workspace: workspace.slug });
  }
  if (args.json) {
    context.out(JSON.stringify(found, null, 2));
    return EXIT.ok;
  }
  const rows = found.map((g) => [
    g.name,
    g.id,
    g.workspace,
    g.limit_usd,
    g.reset_interval,
    listed(g.allowed_models),
    listed(g.ignored_providers),
  ]);
  context.out(
    renderTable(
      ["name", "id", "workspace", "limit_usd", "reset", "allowed_models", "ignored_providers"],
      rows,
    ),
  );
  context.err(`${found.length} guardrail(s)`);
  return EXIT.ok;
}
