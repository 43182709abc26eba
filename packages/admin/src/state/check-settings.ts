import { entries, issue, text, type Locate } from "./state-entries";
import { SECRET_CONFIG_FIELDS } from "./desired-settings";
import { secretReference } from "./env-secrets";
import type { StateIssue } from "./state-error";

/**
 * What the schema cannot say about BYOK, observability and SCIM entries: names used twice,
 * workspaces the file does not define, a group mapped twice to one workspace, and secret config
 * fields written in the clear (they must be `${ENV_NAME}`).
 */
export function settingsIssues(state: unknown, locate: Locate): StateIssue[] {
  const issues: StateIssue[] = [];
  const slugs = new Set(
    entries(state, "workspaces").flatMap(([, w]) => (text(w.slug) ? [text(w.slug)] : [])),
  );
  const workspaceRef = (section: "byok" | "observability" | "scim_group_mappings") => {
    for (const [i, item] of entries(state, section)) {
      const slug = text(item.workspace);
      if (slug !== undefined && !slugs.has(slug))
        issues.push(
          issue(
            [section, i, "workspace"],
            `refers to workspace "${slug}", which the file does not define under workspaces`,
            locate,
          ),
        );
    }
  };
  const unique = (
    section: "byok" | "observability" | "scim_group_mappings",
    id: (item: Record<string, unknown>) => string | undefined,
    what: string,
  ) => {
    const seen = new Map<string, number>();
    for (const [i, item] of entries(state, section)) {
      const value = id(item);
      if (value === undefined) continue;
      const earlier = seen.get(value);
      if (earlier === undefined) seen.set(value, i);
      else
        issues.push(
          issue(
            [section, i],
            `${what} ${value} is used twice (first in ${section}[${earlier}])`,
            locate,
          ),
        );
    }
  };
  workspaceRef("byok");
  workspaceRef("observability");
  workspaceRef("scim_group_mappings");
  unique("byok", (b) => (text(b.name) ? JSON.stringify(b.name) : undefined), "BYOK name");
  unique(
    "observability",
    (d) => (text(d.name) ? JSON.stringify(d.name) : undefined),
    "destination name",
  );
  unique(
    "scim_group_mappings",
    (m) =>
      text(m.group) && text(m.workspace)
        ? `"${text(m.group)}" → "${text(m.workspace)}"`
        : undefined,
    "SCIM mapping",
  );
  for (const [i, destination] of entries(state, "observability")) {
    const config = destination.config;
    if (config === null || typeof config !== "object" || Array.isArray(config)) continue;
    for (const [field, value] of Object.entries(config)) {
      if (SECRET_CONFIG_FIELDS.has(field) && secretReference(value) === undefined)
        issues.push(
          issue(
            ["observability", i, "config", field],
            "holds a secret: write the name of an environment variable, ${NAME}, not the value",
            locate,
          ),
        );
    }
  }
  return issues;
}
