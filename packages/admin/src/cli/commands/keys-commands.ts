import { RotationError } from "../../rotation";
import type { ApiKey } from "../../types";
import { EXIT, UsageError } from "../cli-error";
import { workspacesFor, type CliContext } from "../cli-context";
import { writeSecretsFile } from "../secrets-file";
import { renderTable } from "../table";

const HASH = /^[a-f0-9]{64}$/;

async function listKeys(context: CliContext): Promise<Array<ApiKey & { workspace: string }>> {
  const { args } = context;
  const found: Array<ApiKey & { workspace: string }> = [];
  for (const workspace of await workspacesFor(context)) {
    const remaining = args.limit === undefined ? undefined : args.limit - found.length;
    if (remaining !== undefined && remaining <= 0) break;
    const list = context.admin().keys.list({
      workspaceId: workspace.id,
      includeDisabled: args.includeDisabled,
      ...(remaining !== undefined && { limit: remaining }),
    });
    for await (const key of list) found.push({ ...key, workspace: workspace.slug });
  }
  return found;
}

/** `or-admin keys list`: the keys of every workspace (or `--workspace`). */
export async function keysListCommand(context: CliContext): Promise<number> {
  const keys = await listKeys(context);
  if (context.args.json) {
    context.out(JSON.stringify(keys, null, 2));
    return EXIT.ok;
  }
  const rows = keys.map((k) => [
    k.name,
    k.hash.slice(0, 12),
    k.workspace,
    k.limit,
    k.limit_reset,
    k.usage,
    k.disabled ? "yes" : "no",
  ]);
  context.out(
    renderTable(["name", "hash", "workspace", "limit", "reset", "usage", "disabled"], rows),
  );
  context.err(`${keys.length} key(s)`);
  return EXIT.ok;
}

/** A hash as given, or the hash of the one key with that name. */
async function resolveKey(context: CliContext, target: string): Promise<string> {
  if (HASH.test(target)) return target;
  const matches = (
    await listKeys({ ...context, args: { ...context.args, includeDisabled: true } })
  ).filter((k) => k.name === target);
  if (matches.length === 1) return (matches[0] as ApiKey).hash;
  if (matches.length === 0)
    throw new UsageError(`No key is named "${target}" (give its name or 64-hex hash).`);
  throw new UsageError(
    `${matches.length} keys are named "${target}"; give the hash of the one to rotate.`,
  );
}

/** `or-admin keys rotate <hash|name>`: prints or stores the new secret, once. */
export async function keysRotateCommand(context: CliContext): Promise<number> {
  const { args } = context;
  const target = args.command[2];
  if (!target) throw new UsageError("keys rotate needs a key: or-admin keys rotate <hash|name>");
  const hash = await resolveKey(context, target);
  try {
    const result = await context
      .admin()
      .keys.rotate(hash, { old: args.deleteOld ? "delete" : "disable" });
    const entry = { name: result.data.name, hash: result.data.hash, key: result.key };
    if (args.secretsOut) await writeSecretsFile(args.secretsOut, [entry]);
    const summary = {
      name: result.data.name,
      hash: result.data.hash,
      guardrailId: result.guardrailId,
      previous: result.previous,
      ...(!args.secretsOut && { key: result.key }),
    };
    if (args.json) context.out(JSON.stringify(summary, null, 2));
    else {
      context.out(
        `Rotated "${result.data.name}": new key ${result.data.hash.slice(0, 12)}` +
          `${result.guardrailId ? ` with guardrail ${result.guardrailId}` : ""}; old key ${hash.slice(0, 12)} ${result.previous.action}.`,
      );
      if (args.secretsOut) context.out(`The new secret is in ${args.secretsOut} (mode 0600).`);
      else context.out(`New secret (shown this once): ${result.key}`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RotationError && error.secret !== undefined && error.newKey) {
      const entry = { name: error.newKey.name, hash: error.newKey.hash, key: error.secret };
      if (args.secretsOut) await writeSecretsFile(args.secretsOut, [entry]);
      else context.out(`New secret (shown this once): ${error.secret}`);
    }
    throw error;
  }
}
