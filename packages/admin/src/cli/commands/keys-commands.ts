import { RotationError } from "../../rotation";
import type { ApiKey } from "../../types";
import { CliError, EXIT, UsageError } from "../cli-error";
import { workspacesFor, type CliContext } from "../cli-context";
import { confirm } from "../prompt";
import { reportStop } from "../report-stop";
import { SecretHandOver } from "../secrets-handover";
import { onStopSignals } from "../stop-signals";
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

/**
 * A hash as given, or the hash of the key with that name. Several keys may share a name after
 * a rotation (the old one disabled): `preferEnabled` picks the one enabled key among them.
 */
async function resolveKey(
  context: CliContext,
  target: string,
  preferEnabled: boolean,
): Promise<ApiKey & { workspace: string }> {
  const all = await listKeys({ ...context, args: { ...context.args, includeDisabled: true } });
  if (HASH.test(target)) {
    const found = all.find((k) => k.hash === target);
    if (found) return found;
    throw new CliError(`No key has the hash ${target}.`);
  }
  const matches = all.filter((k) => k.name === target);
  const enabled = matches.filter((k) => !k.disabled);
  const [only] =
    matches.length === 1 ? matches : preferEnabled && enabled.length === 1 ? enabled : [];
  if (only) return only;
  if (matches.length === 0)
    throw new CliError(`No key is named "${target}" (give its name or 64-hex hash).`);
  throw new CliError(
    `${matches.length} keys are named "${target}" (${matches
      .map((k) => `${k.hash}${k.disabled ? " disabled" : ""}`)
      .join(", ")}); give the hash of the one you mean.`,
  );
}

/** `or-admin keys rotate <hash|name>`: stores or prints the new secret before the old key is retired. */
export async function keysRotateCommand(context: CliContext): Promise<number> {
  const { args } = context;
  const target = args.command[2];
  if (!target) throw new UsageError("keys rotate needs a key: or-admin keys rotate <hash|name>");
  // --json prints once, at the end: the old key would be retired before the secret was shown.
  if (args.json && args.secretsOut === undefined)
    throw new UsageError(
      "keys rotate --json needs --secrets-out <file>: the old key is retired only once the new secret is stored.",
    );
  // Checked before any change: with a path that cannot be used, nothing is created or retired.
  const secrets = await SecretHandOver.open(context, true);
  const stop = onStopSignals(context.err);
  try {
    const { hash } = await resolveKey(context, target, true);
    const result = await context.admin().keys.rotate(hash, {
      old: args.deleteOld ? "delete" : "disable",
      onSecret: secrets.take,
      signal: stop.signal,
    });
    secrets.finish();
    const summary = {
      name: result.data.name,
      hash: result.data.hash,
      guardrailId: result.guardrailId,
      previous: result.previous,
      ...(!secrets.toFile && { key: result.key }),
    };
    if (args.json) context.out(JSON.stringify(summary, null, 2));
    else {
      context.out(
        `Rotated "${result.data.name}": new key ${result.data.hash.slice(0, 12)}` +
          `${result.guardrailId ? ` with guardrail ${result.guardrailId}` : ""}; old key ${hash.slice(0, 12)} ${result.previous.action}.`,
      );
      if (secrets.toFile) context.out(`The new secret is in ${args.secretsOut} (mode 0600).`);
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof RotationError)) throw error;
    return reportStop(context, error, { stage: error.stage }, secrets, stop);
  } finally {
    stop.dispose();
    await secrets.close();
  }
}

/** `or-admin keys delete <hash|name>`: asks first unless `--yes`. */
export async function keysDeleteCommand(context: CliContext): Promise<number> {
  const target = context.args.command[2];
  if (!target) throw new UsageError("keys delete needs a key: or-admin keys delete <hash|name>");
  const key = await resolveKey(context, target, false);
  const what = `key "${key.name}" ${key.hash} (workspace ${key.workspace}${key.disabled ? ", disabled" : ""})`;
  if (!context.args.yes && !(await confirm(`Delete ${what}? Its secret stops working.`))) {
    context.err("Delete cancelled; nothing was changed.");
    return EXIT.error;
  }
  await context.admin().keys.delete(key.hash);
  if (context.args.json)
    context.out(JSON.stringify({ deleted: key.hash, name: key.name }, null, 2));
  else context.out(`Deleted ${what}.`);
  return EXIT.ok;
}
