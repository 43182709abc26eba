import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { OpenApiSpec } from "../contract/index";
import { startAdminEmulator } from "./emulator-server";
import { readSeedFile } from "./seed-file";

type Values = Record<string, string | boolean | undefined>;

/**
 * `or-replay --admin-emulator`: the admin emulator as a mode of the `or-replay` CLI (an entry
 * for its `MODES`). `--spec` (or `OR_SPEC_PATH`) names the OpenAPI JSON to check requests and
 * answers against; `--management-key` (or `OPENROUTER_MANAGEMENT_KEY`) the only key it accepts;
 * `--seed` a JSON or YAML file of what the account starts with (see `readSeedFile`).
 */
export const adminEmulatorMode = {
  name: "admin-emulator",
  flag: "admin-emulator",
  options: {
    "admin-emulator": { type: "boolean" as const },
    spec: { type: "string" as const },
    "management-key": { type: "string" as const },
    seed: { type: "string" as const },
  },
  help: [
    [
      "--admin-emulator",
      "serve a stateful in-memory admin API (keys, guardrails, workspaces, BYOK)",
    ],
    ["--spec <file>", "OpenAPI JSON to check requests and answers against (default $OR_SPEC_PATH)"],
    ["--management-key <key>", "the only management key accepted (default: any bearer token)"],
    ["--seed <file>", "JSON or YAML the account starts with: organization members (replacing"],
    ["", "the built-in ones), credits, activity, organizationId"],
  ] as Array<[string, string]>,
  async start(values: Values, listen: { port: number; host: string }) {
    const specPath = typeof values.spec === "string" ? values.spec : process.env.OR_SPEC_PATH;
    const managementKey =
      typeof values["management-key"] === "string"
        ? values["management-key"]
        : process.env.OPENROUTER_MANAGEMENT_KEY;
    const seed = typeof values.seed === "string" ? readSeedFile(values.seed) : undefined;
    const emulator = await startAdminEmulator({
      ...listen,
      ...(specPath && { spec: readSpec(specPath) }),
      ...(managementKey && { managementKey }),
      ...(seed && { seed }),
    });
    const checks = specPath
      ? `checking against ${specPath}`
      : "without a spec (pass --spec to check bodies)";
    const auth = managementKey ? "one management key" : "any bearer token as management key";
    const seeded = seed ? `, seeded from ${String(values.seed)}` : "";
    return {
      url: emulator.url,
      close: emulator.close,
      summary: `admin emulator ${checks}, accepting ${auth}${seeded}`,
    };
  },
};

function readSpec(path: string): OpenApiSpec {
  const spec = JSON.parse(readFileSync(resolve(path), "utf8")) as OpenApiSpec;
  if (!spec.paths || typeof spec.paths !== "object")
    throw new Error(`${path} has no "paths": not an OpenAPI document`);
  return spec;
}
