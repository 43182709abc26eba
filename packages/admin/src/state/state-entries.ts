import type { StateIssue } from "./state-error";
import { formatPath, type PathSegment } from "./state-path";

/** Finds where a path is in the source text: its value, or (for `"key"`) the field's name. */
export type Locate = (
  path: PathSegment[],
  part: "key" | "value",
) => { line: number; column: number } | undefined;

export function issue(
  path: PathSegment[],
  message: string,
  locate: Locate,
  part: "key" | "value" = "value",
): StateIssue {
  return { path: formatPath(path), message, ...locate(path, part) };
}

type Section =
  | "workspaces"
  | "guardrails"
  | "keys"
  | "byok"
  | "observability"
  | "scim_group_mappings";

/** The entries of a section that are objects, with their index (the schema reports the rest). */
export function entries(
  state: unknown,
  section: Section,
): Array<[number, Record<string, unknown>]> {
  const list = (state as Record<string, unknown> | null)?.[section];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) =>
    item !== null && typeof item === "object"
      ? [[i, item as Record<string, unknown>] as [number, Record<string, unknown>]]
      : [],
  );
}

export const text = (value: unknown) => (typeof value === "string" ? value : undefined);
