import type { AdminResources } from "../admin-resources";
import { AdminArgumentError } from "../errors";
import { readAccount, type AccountSnapshot } from "../plan/read-account";
import { readSettings, type SettingsSnapshot } from "../plan/read-settings";
import { keysByName } from "../plan/retired-keys";
import {
  SECRET_CONFIG_FIELDS,
  type DesiredByok,
  type DesiredObservability,
  type DesiredScimMapping,
} from "../state/desired-settings";
import type {
  DesiredGuardrail,
  DesiredKey,
  DesiredState,
  DesiredWorkspace,
} from "../state/desired-state";
import type { BudgetInterval } from "../types";
import {
  BYOK_DEFAULTS,
  GUARDRAIL_DEFAULTS,
  KEY_DEFAULTS,
  OBSERVABILITY_DEFAULTS,
  setFields,
  WORKSPACE_DEFAULTS,
} from "./export-defaults";
import { dropInvalid } from "./export-check";

export interface ExportOptions {
  /** Export only this workspace (by slug) and what is in it. */
  workspace?: string;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Called after each page or record read. */
  onProgress?: (requests: number) => void;
}

export interface ExportResult {
  /** The account as a desired state: `plan` of it finds no changes. */
  state: DesiredState;
  /**
   * What could not be expressed, one sentence each (names shared by several resources, names
   * the format cannot hold, references to what was left out). Everything else is in `state`.
   */
  warnings: string[];
}

/**
 * Reads the account and writes it as a desired state that `plan` reports as "No changes": names
 * and slugs as references (no ids), fields at their defaults left out, secrets never (BYOK keys
 * and secret config values are left out, so plan leaves them as they are). What the format
 * cannot hold is left out and said in `warnings`.
 * @example
 * const { state, warnings } = await exportState(admin);
 * await writeFile("state.yaml", stateToYaml(state, { header: ["Exported now"] }));
 */
export async function exportState(
  admin: AdminResources,
  options: ExportOptions = {},
): Promise<ExportResult> {
  let requests = 0;
  const onRequest = () => options.onProgress?.(++requests);
  const concurrency = options.concurrency ?? 8;
  const all = await admin.workspaces.list().toArray();
  onRequest();
  const chosen =
    options.workspace === undefined ? all : all.filter((w) => w.slug === options.workspace);
  if (options.workspace !== undefined && chosen.length === 0)
    throw new AdminArgumentError(
      `workspace: the account has no workspace with the slug "${options.workspace}".`,
    );
  // Asking for budgets, members and guardrail members of every workspace reads them all.
  const everything: DesiredState = {
    workspaces: all.map((w) => ({ slug: w.slug, budgets: {}, members: [] })),
    guardrails: [{ name: "(every)", members: [] }],
  };
  const snapshot = await readAccount(admin, everything, { concurrency, onRequest });
  const settings = await readSettings(admin, chosen, {
    byok: true,
    observability: true,
    scim: true,
    concurrency,
    onRequest,
  });
  return new Exporter(snapshot, settings, new Set(chosen.map((w) => w.id))).run();
}

class Exporter {
  readonly warnings: string[] = [];
  readonly slugById: Map<string, string>;
  /** hash → name of keys whose name is theirs alone (others cannot be referred to). */
  readonly keyName = new Map<string, string>();
  readonly guardrailName = new Map<string, string>();

  constructor(
    readonly snapshot: AccountSnapshot,
    readonly settings: SettingsSnapshot,
    readonly inScope: Set<string>,
  ) {
    this.slugById = new Map(snapshot.workspaces.map((w) => [w.id, w.slug]));
  }

  run(): ExportResult {
    const state: DesiredState = {
      version: 1,
      workspaces: this.workspaces(),
      guardrails: this.guardrails(),
      keys: this.keys(),
      byok: this.byok(),
      observability: this.observability(),
      scim_group_mappings: this.scim(),
    };
    return { state: dropInvalid(state, this.warnings), warnings: this.warnings };
  }

  /** Items whose name no other item in scope shares; a warning for each shared name. */
  private unique<T>(
    items: T[],
    name: (item: T) => string | null | undefined,
    what: string,
    id: (item: T) => string,
  ): T[] {
    const groups = new Map<string, T[]>();
    const kept: T[] = [];
    for (const item of items) {
      const n = name(item);
      if (n === null || n === undefined || n === "") {
        this.warnings.push(
          `${what} ${id(item)} has no name, which the state needs to identify it: left out.`,
        );
        continue;
      }
      groups.set(n, [...(groups.get(n) ?? []), item]);
    }
    // By name, so the file is the same however the reads interleaved (and diffs stay small).
    const sorted = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [n, group] of sorted) {
      if (group.length === 1) kept.push(group[0] as T);
      else
        this.warnings.push(
          `${group.length} ${what}s are named "${n}" (${group.map(id).join(", ")}): names identify them, so none is exported; rename all but one and export again.`,
        );
    }
    return kept;
  }

  private inScopeWorkspace = (id: string | null) => id !== null && this.inScope.has(id);

  private workspaces(): DesiredWorkspace[] {
    return this.snapshot.workspaces
      .filter((w) => this.inScope.has(w.id))
      .map((w) => {
        const record = w as unknown as Record<string, unknown>;
        const budgets = this.snapshot.budgets.get(w.id);
        const members = this.snapshot.workspaceMembers.get(w.id) ?? [];
        return {
          slug: w.slug,
          ...(w.name !== w.slug && { name: w.name }),
          ...setFields(record, WORKSPACE_DEFAULTS),
          ...(budgets &&
            budgets.size > 0 && {
              budgets: Object.fromEntries(budgets) as Partial<Record<BudgetInterval, number>>,
            }),
          ...(members.length > 0 && { members }),
        } as DesiredWorkspace;
      });
  }

  private guardrails(): DesiredGuardrail[] {
    const inScope = this.snapshot.guardrails.filter((g) => this.inScopeWorkspace(g.workspace_id));
    const kept = this.unique(
      inScope,
      (g) => g.name,
      "guardrail",
      (g) => g.id,
    );
    for (const g of kept) this.guardrailName.set(g.id, g.name);
    return kept.map((g) => {
      const record = { ...(g as unknown as Record<string, unknown>) };
      if (Array.isArray(record.content_filter_builtins))
        record.content_filter_builtins = (
          record.content_filter_builtins as Array<Record<string, unknown>>
        ).map(({ label: _label, ...rest }) => rest);
      const members = this.snapshot.guardrailMembers.get(g.id) ?? [];
      return {
        name: g.name,
        workspace: this.slugById.get(g.workspace_id ?? "") ?? "",
        ...setFields(record, GUARDRAIL_DEFAULTS),
        ...(members.length > 0 && { members }),
      } as DesiredGuardrail;
    });
  }

  private keys(): DesiredKey[] {
    const scoped = this.snapshot.keys.filter((k) => this.inScopeWorkspace(k.workspace_id));
    // As plan does: a rotation's disabled predecessors are retired, the enabled key is the name's.
    const { retired } = keysByName(scoped);
    const retiredHashes = new Set(retired.map((k) => k.hash));
    for (const k of retired)
      this.warnings.push(
        `key ${k.hash.slice(0, 12)} is a disabled predecessor of key "${k.name}" (a rotation): left out, as plan leaves it alone; or-admin keys delete ${k.hash} removes it.`,
      );
    const inScope = scoped.filter((k) => !retiredHashes.has(k.hash));
    const kept = this.unique(
      inScope,
      (k) => k.name,
      "key",
      (k) => k.hash.slice(0, 12),
    );
    for (const k of kept) this.keyName.set(k.hash, k.name);
    return kept.map((k) => {
      const held = this.snapshot.keyGuardrail.get(k.hash);
      const guardrail = held === undefined ? undefined : this.guardrailName.get(held);
      if (held !== undefined && guardrail === undefined)
        this.warnings.push(
          `key "${k.name}" holds guardrail ${held}, which is not exported: its guardrail is left out.`,
        );
      return {
        name: k.name,
        workspace: this.slugById.get(k.workspace_id) ?? "",
        ...setFields(k as unknown as Record<string, unknown>, KEY_DEFAULTS),
        ...(guardrail !== undefined && { guardrail }),
      } as DesiredKey;
    });
  }

  /** Key hashes as names; a warning (and undefined) when one has no exported name. */
  private keyNames(owner: string, field: string, hashes: readonly string[] | null | undefined) {
    if (hashes === null || hashes === undefined || hashes.length === 0) return {};
    const names = hashes.map((h) => this.keyName.get(h));
    if (names.some((n) => n === undefined)) {
      this.warnings.push(
        `${owner}: ${field} names keys that are not exported (shared names or outside the workspace): ${field} is left out.`,
      );
      return {};
    }
    return { [field]: names as string[] };
  }

  private byok(): DesiredByok[] {
    const kept = this.unique(
      this.settings.byok,
      (b) => b.name,
      "BYOK credential",
      (b) => b.id,
    );
    return kept.map((b) => ({
      name: b.name as string,
      provider: b.provider,
      ...(b.workspace_id !== null && { workspace: this.slugById.get(b.workspace_id) ?? "" }),
      ...setFields(b as unknown as Record<string, unknown>, BYOK_DEFAULTS),
      ...this.keyNames(`byok "${b.name}"`, "allowed_api_keys", b.allowed_api_key_hashes),
    })) as DesiredByok[];
  }

  private observability(): DesiredObservability[] {
    const kept = this.unique(
      this.settings.destinations,
      (d) => d.name,
      "observability destination",
      (d) => d.id,
    );
    return kept.map((d) => {
      const record = d as unknown as Record<string, unknown>;
      const config = Object.fromEntries(
        Object.entries((record.config as Record<string, unknown> | undefined) ?? {}).filter(
          ([field, value]) =>
            !SECRET_CONFIG_FIELDS.has(field) &&
            !(typeof value === "string" && value.includes("...")),
        ),
      );
      return {
        name: d.name as string,
        type: d.type,
        workspace: this.slugById.get(d.workspace_id) ?? "",
        ...(Object.keys(config).length > 0 && { config }),
        ...setFields(record, OBSERVABILITY_DEFAULTS),
        ...this.keyNames(`observability "${d.name}"`, "api_keys", d.api_key_hashes),
      } as DesiredObservability;
    });
  }

  private scim(): DesiredScimMapping[] {
    const groups = this.unique(
      this.settings.scimGroups,
      (g) => g.display_name,
      "SCIM group",
      (g) => g.id,
    );
    const groupName = new Map(groups.map((g) => [g.id, g.display_name]));
    const mappings = this.settings.scimMappings.flatMap((m) => {
      if (!this.inScope.has(m.workspace_id)) return [];
      const group = groupName.get(m.scim_group_id);
      if (group === undefined) {
        this.warnings.push(
          `SCIM mapping ${m.id} is of group ${m.scim_group_id}, which has no name of its own: left out.`,
        );
        return [];
      }
      const role = m.role as DesiredScimMapping["role"];
      return [{ group, workspace: this.slugById.get(m.workspace_id) ?? "", role }];
    });
    const order = (m: DesiredScimMapping) => `${m.workspace}\u0000${m.group}`;
    return mappings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }
}
