// The built `or-admin` against an emulator account that uses every kind and field: export,
// plan of the export is clean, one changed field per kind plans as exactly that change and
// applies, secrets never appear in any output.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator } from "@or/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { exportState, parseState, type DesiredState } from "../src/index";
import { adminFor, checkAndResetEmulator, MANAGEMENT_KEY, startEmulator } from "./helpers/emulator";
import { FULL_ACCOUNT, SCIM_GROUPS, SECRETS } from "./helpers/full-account";
import { ensureBuilt, runCli, type CliRun } from "./helpers/run-cli";

let emulator: AdminEmulator;
let dir: string;
let env: Record<string, string>;
/** Everything the CLI printed, to search for secrets. */
const outputs: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ seed: { scimGroups: SCIM_GROUPS } });
  dir = mkdtempSync(join(tmpdir(), "or-admin-export-"));
  env = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY, OPENROUTER_BASE_URL: emulator.url };
});
checkAndResetEmulator(() => emulator);

beforeEach(async () => {
  vi.stubEnv("OPENAI_KEY", SECRETS.OPENAI_KEY);
  vi.stubEnv("LANGFUSE_SECRET", SECRETS.LANGFUSE_SECRET);
  const admin = adminFor(emulator);
  await admin.apply(await admin.plan(FULL_ACCOUNT));
  emulator.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const text of outputs)
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  outputs.length = 0;
});

async function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const run = await runCli(args, { env: { ...env, ...extraEnv } });
  outputs.push(run.stdout, run.stderr);
  return run;
}

async function exported(name = "state.yaml"): Promise<string> {
  const path = join(dir, name);
  const run = await cli(["export", "-o", path, "--force"]);
  expect(run.code).toBe(0);
  outputs.push(readFileSync(path, "utf8"));
  return path;
}

/** The exported file with one entry of one section edited. */
function edited(
  path: string,
  section: keyof DesiredState,
  index: number,
  change: Record<string, unknown>,
) {
  const state = parse(readFileSync(path, "utf8")) as Record<string, Array<Record<string, unknown>>>;
  Object.assign(state[section]![index]!, change);
  const out = join(dir, `edited-${section}.yaml`);
  writeFileSync(out, stringify(state));
  return out;
}

describe("or-admin export", () => {
  it("writes a state file that plans clean", async () => {
    const path = await exported();
    const text = readFileSync(path, "utf8");
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\/node_modules\/@or\/admin\/schema\/state\.schema\.json\n# Exported by or-admin export from http:\/\/127\.0\.0\.1:\d+\/api\/v1 at \d{4}-/,
    );
    expect(text).not.toMatch(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/); // no ids
    expect(parseState(text)).toBeTruthy();
    const plan = await cli(["plan", "-f", path]);
    expect(plan.stdout).toContain("No changes: the account matches the state.");
    expect(plan.code).toBe(0);
  });

  it.each([
    [
      "workspaces",
      1,
      { io_logging_sampling_rate: 0.75 },
      'workspace "research"',
      "io_logging_sampling_rate",
    ],
    ["guardrails", 0, { enforce_zdr: false }, 'guardrail "pii"', "enforce_zdr"],
    ["keys", 1, { limit: 6 }, 'key "temp"', "limit"],
    ["byok", 0, { is_fallback: false }, 'byok "openai-prod"', "is_fallback"],
    ["observability", 0, { sampling_rate: 0.25 }, 'observability "langfuse"', "sampling_rate"],
    [
      "scim_group_mappings",
      0,
      { role: "admin" },
      'scim mapping "Engineering" → "research"',
      "role",
    ],
  ] as const)(
    "a change to %s plans as exactly that change, applies, and plans clean",
    async (section, index, change, address, field) => {
      const path = edited(await exported(), section, index, change);
      const plan = await cli(["plan", "-f", path, "--json"]);
      expect(plan.code).toBe(2);
      const steps = (
        JSON.parse(plan.stdout) as {
          steps: Array<{ address: string; changes: Array<{ field: string }> }>;
        }
      ).steps;
      expect(steps.map((s) => [s.address, s.changes.map((c) => c.field)])).toEqual([
        [address, [field]],
      ]);
      expect((await cli(["apply", "-f", path, "--yes"])).code).toBe(0);
      expect((await cli(["plan", "-f", path])).code).toBe(0);
    },
  );

  it("never writes over a file without --force", async () => {
    const path = join(dir, "taken.yaml");
    writeFileSync(path, "keep me\n");
    const run = await cli(["export", "-o", path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path} exists; pass --force to write over it.`);
    expect(readFileSync(path, "utf8")).toBe("keep me\n");
    expect(emulator.requests).toEqual([]);
  });

  it("says what it cannot express and writes the rest", async () => {
    emulator.state.addKey({ name: "twin" });
    emulator.state.addKey({ name: "twin" });
    const path = join(dir, "twins.yaml");
    const run = await cli(["export", "-o", path, "--force"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /warning: 2 keys are named "twin" \([0-9a-f]{12}, [0-9a-f]{12}\): names identify them, so none is exported/,
    );
    const text = readFileSync(path, "utf8");
    expect(text).toContain('# Not exported: 2 keys are named "twin"');
    expect(text).toContain("name: temp");
    expect((await cli(["plan", "-f", path])).code).toBe(0);
  });

  it("writes JSON with a $schema field when the file ends in .json", async () => {
    const path = await exported("state.json");
    const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(json.$schema).toBe("./node_modules/@or/admin/schema/state.schema.json");
    expect((await cli(["plan", "-f", path])).code).toBe(0);
  });

  it("says so when --workspace names no workspace", async () => {
    const run = await cli(["export", "--workspace", "nope"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'or-admin: workspace: the account has no workspace with the slug "nope".\n',
    );
    expect(run.stderr).not.toContain("    at ");
  });

  it("exports one workspace with --workspace", async () => {
    const { state } = await exportState(adminFor(emulator), { workspace: "default" });
    expect(state.workspaces?.map((w) => w.slug)).toEqual(["default"]);
    expect(state.keys?.map((k) => k.name)).toEqual(["retired"]);
    expect(state.byok).toBeUndefined();
  });
});

describe("secrets from the environment", () => {
  it("a failed apply names the step and shows no secret", async () => {
    const path = edited(await exported(), "byok", 0, { name: "openai-new", key: "${OPENAI_KEY}" });
    emulator.addFault({
      fault: { type: "status-sequence", statuses: [400] },
      match: { operationId: "createBYOKKey" },
    });
    const run = await cli(["apply", "-f", path, "--yes"], { OPENAI_KEY: SECRETS.OPENAI_KEY });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('create byok "openai-new"');
    // afterEach searches this run's output for every secret.
  });

  it("a missing variable is an error naming it, before any request", async () => {
    const path = edited(await exported(), "byok", 0, { key: "${ROTATED_OPENAI_KEY}" });
    emulator.reset();
    const run = await cli(["plan", "-f", path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ROTATED_OPENAI_KEY (byok[0].key)");
    expect(emulator.requests).toEqual([]);
  });

  it("a changed secret shows as (secret changed) and applies, never printed", async () => {
    const rotated = "sk-proj-openai-secret-0009-zyxwvuts";
    const path = edited(await exported(), "byok", 0, { key: "${ROTATED_OPENAI_KEY}" });
    const plan = await cli(["plan", "-f", path], { ROTATED_OPENAI_KEY: rotated });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('~ byok "openai-prod"\n      key: (secret changed)');
    expect(plan.stdout).not.toContain(rotated);
    const apply = await cli(["apply", "-f", path, "--yes"], { ROTATED_OPENAI_KEY: rotated });
    expect(apply.code).toBe(0);
    expect(apply.stdout + apply.stderr).not.toContain(rotated);
    expect([...emulator.state.byok.values()][0]?.label).toBe(
      "sk-...wvuts".replace("wvuts", "vuts"),
    );
    expect((await cli(["plan", "-f", path], { ROTATED_OPENAI_KEY: rotated })).code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });
});
