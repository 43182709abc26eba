import { stringify } from "yaml";
import type { DesiredState } from "../state/desired-state";

/** Where editors find the schema when the package is installed next to the file. */
export const SCHEMA_PATH = "./node_modules/@or/admin/schema/state.schema.json";

export interface StateTextOptions {
  /** Lines for the header comment (YAML only; `#` is added). */
  header?: string[];
  /** `yaml` (default) or `json`. */
  format?: "yaml" | "json";
}

/**
 * A desired state as the text of a state file: YAML with a header comment and the
 * `yaml-language-server` `$schema` line, or JSON with a `$schema` field.
 * @example
 * await writeFile("state.yaml", stateToText(state, { header: ["Exported by hand"] }));
 */
export function stateToText(state: DesiredState, options: StateTextOptions = {}): string {
  if (options.format === "json")
    return `${JSON.stringify({ $schema: SCHEMA_PATH, ...state }, null, 2)}\n`;
  const header = (options.header ?? [])
    .flatMap((line) => line.split("\n"))
    .map((line) => `# ${line}`.trimEnd());
  return [
    `# yaml-language-server: $schema=${SCHEMA_PATH}`,
    ...header,
    stringify(state, { lineWidth: 0, aliasDuplicateObjects: false }),
  ].join("\n");
}
