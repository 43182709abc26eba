// The built `or-admin` binary against the emulator: exit codes, tables and --json, the prompt,
// --yes, --secrets-out (mode 0600), progress, and bad input before any request.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { MANAGEMENT_KEY, startEmulator, checkAndResetEmulator } from "./helpers/emulator";
import { ensureBuilt, runCli } from "./helpers/run-cli";

let emulator: AdminEmulator;
let dir: string;
let env: Record<string, string>;

const EXAMPLE = new URL("../examples/state.yaml", import.meta.url).pathname;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), "or-admin-"));
  env = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY, OPENROUTER_BASE_URL: emulator.url };
});
checkAndResetEmulator(() => emulator);

const writes = () => emulator.requests.filter((r) => r.method !== "GET");

function stateFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("plan and apply", () => {
  it("plan exits 2 with a readable diff, and reports progress on stderr", async () => {
    const run = await runCli(["plan", "-f", EXAMPLE], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("Plan: 8 to create, 4 to update, 0 to delete.");
    expect(run.stdout).toContain('  + guardrail "production"\n      limit_usd: 200');
    expect(run.stderr).toMatch(/Read the account in \d+ requests/);
    expect(writes()).toEqual([]);
  });

  it("apply asks first: 'n' changes nothing and exits 1", async () => {
    const run = await runCli(["apply", "-f", EXAMPLE], { env, stdin: "n\n" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Apply these 12 changes? [y/N]");
    expect(run.stderr).toContain("Apply cancelled; nothing was changed.");
    expect(writes()).toEqual([]);
  });

  it("apply with 'y' applies, prints new secrets once, and the next plan exits 0", async () => {
    const run = await runCli(["apply", "-f", EXAMPLE], { env, stdin: "y\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Plan: 8 to create");
    expect(run.stderr).toMatch(/Applying: 12\/12/);
    expect(run.stderr).toContain("Applied 12 changes: 8 created, 4 updated, 0 deleted.");
    expect(run.stdout).toMatch(
      /New keys \(their secrets are shown this once; store them now\):\n {2}\S+ {2}sk-or-v1-/,
    );
    expect(emulator.state.counts()).toMatchObject({ keys: 3, guardrails: 2, workspaces: 2 });

    const plan = await runCli(["plan", "-f", EXAMPLE], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("No changes: the account matches the state.");
    expect(plan.stdout).not.toContain("sk-or-v1-");
  });

  it("apply --yes --secrets-out appends the secrets to a 0600 file, one JSON line each, keeping what it held", async () => {
    const secrets = join(dir, "secrets.jsonl");
    writeFileSync(secrets, "old content\n", { mode: 0o644 });
    const run = await runCli(["apply", "-f", EXAMPLE, "--yes", "--secrets-out", secrets], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("[y/N]");
    expect(run.stderr).toContain(`Secrets of new keys will be appended to ${secrets} (it exists`);
    expect(run.stdout + run.stderr).not.toContain("sk-or-v1-");
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    const [first, ...lines] = readFileSync(secrets, "utf8").trimEnd().split("\n");
    expect(first).toBe("old content");
    const written = lines.map((l) => JSON.parse(l) as { name: string; hash: string; key: string });
    expect(written.map((k) => k.name).sort()).toEqual([
      "backend",
      "legacy-integration",
      "nightly-evals",
    ]);
    for (const k of written) expect(emulator.state.secrets.get(k.hash)).toBe(k.key);
  });

  it("--json: plan and apply print JSON on stdout (no secrets in the plan)", async () => {
    const plan = await runCli(["plan", "-f", EXAMPLE, "--json"], { env });
    expect(plan.code).toBe(2);
    const parsed = JSON.parse(plan.stdout) as {
      summary: unknown;
      steps: Array<{ action: string; address: string }>;
    };
    expect(parsed.summary).toEqual({ create: 8, update: 4, delete: 0 });
    expect(parsed.steps[0]).toMatchObject({ action: "create", address: 'workspace "research"' });

    const apply = await runCli(["apply", "-f", EXAMPLE, "--json", "--yes"], { env });
    expect(apply.code).toBe(0);
    const result = JSON.parse(apply.stdout) as {
      applied: number;
      createdKeys: Array<{ key: string }>;
    };
    expect(result.applied).toBe(12);
    expect(result.createdKeys).toHaveLength(3);
    expect(result.createdKeys[0]?.key).toMatch(/^sk-or-v1-/);
  });

  it("apply --prune --yes deletes what the state leaves out", async () => {
    await runCli(["apply", "-f", EXAMPLE, "--yes"], { env });
    const stray = stateFile("stray.yaml", "version: 1\nkeys:\n  - name: stray\n");
    await runCli(["apply", "-f", stray, "--yes"], { env });
    expect(emulator.state.keys.size).toBe(4);

    const plan = await runCli(["plan", "-f", EXAMPLE], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('key "stray"');
    const prune = await runCli(["apply", "-f", EXAMPLE, "--prune", "--yes"], { env });
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain('  - key "stray"');
    expect(emulator.state.keys.size).toBe(3);
  });
});

describe("bad input, before any request", () => {
  const cases: Array<[string, string, string]> = [
    [
      "an unknown field",
      "keys:\n  - name: ci\n    limt: 5\n",
      ':3:5: keys[0].limt: unknown field "limt" (did you mean "limit"?)',
    ],
    [
      "a guardrail name used twice",
      "guardrails:\n  - name: g\n  - name: g\n",
      ':3:11: guardrails[1].name: guardrail name "g" is used twice (first at 2:11)',
    ],
    [
      "a key referring to a missing guardrail",
      "keys:\n  - name: ci\n    guardrail: nope\n",
      ':3:16: keys[0].guardrail: refers to guardrail "nope", which the file does not define under guardrails',
    ],
    ["a YAML syntax error", "keys:\n  - name: ci\n    limit: [1\n", ":4:1: syntax error:"],
  ];
  it.each(cases)("%s: exit 1, file:line:column message, no request", async (_, text, expected) => {
    const file = stateFile("bad.yaml", text);
    const run = await runCli(["plan", "-f", file], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}${expected}`);
    expect(run.stdout).toBe("");
    expect(emulator.requests).toEqual([]);
  });

  it("a missing state file, a missing key, an unknown command or option: exit 1 with a message", async () => {
    const missing = await runCli(["plan", "-f", join(dir, "nope.yaml")], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");

    const noKey = await runCli(["plan", "-f", EXAMPLE], {
      env: { OPENROUTER_BASE_URL: emulator.url },
    });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("no management key set");

    const unknown = await runCli(["destroy"], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "destroy"');
    expect(unknown.stderr).toContain("Usage: or-admin");

    const badOption = await runCli(["plan", "--frobnicate"], { env });
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain("--frobnicate");
    expect(emulator.requests).toEqual([]);
  });

  it("an API error exits 1 with the API's message and never the key", async () => {
    const wrongKey = "sk-or-v1-wrong-key-for-this-test";
    const run = await runCli(["keys", "list"], {
      env: { OPENROUTER_API_KEY: wrongKey, OPENROUTER_BASE_URL: emulator.url },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("or-admin: 401");
    expect(run.stderr).not.toContain(wrongKey);
  });

  it("--help prints the usage and exits 0", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("plan -f <state.yaml> [--prune]");
    expect(run.stdout).toContain(
      "Exit codes: 0 success and no changes, 2 plan found changes, 1 error",
    );
  });
});

describe("keys and guardrails", () => {
  it("keys list: a table by default, JSON with --json, --base-url instead of the env", async () => {
    await runCli(["apply", "-f", EXAMPLE, "--yes"], { env });
    const table = await runCli(["keys", "list", "--include-disabled", "--base-url", emulator.url], {
      env: { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY },
    });
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+HASH\s+WORKSPACE\s+LIMIT\s+RESET\s+USAGE\s+DISABLED$/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(/\s+/)[0])
        .sort(),
    ).toEqual(["backend", "legacy-integration", "nightly-evals"]);
    expect(table.stdout).toMatch(/nightly-evals\s+[0-9a-f]{12}\s+research\s+10\s+daily\s+0\s+no/);
    expect(table.stderr).toContain("3 key(s)");

    const json = await runCli(["keys", "list", "--json"], { env });
    const keys = JSON.parse(json.stdout) as Array<{ name: string }>;
    expect(keys.map((k) => k.name).sort()).toEqual(["backend", "nightly-evals"]);
  });

  it("keys rotate <name>: prints the new secret once and disables the old key", async () => {
    await runCli(["apply", "-f", EXAMPLE, "--yes"], { env });
    const old = [...emulator.state.keys.values()].find((k) => k.name === "backend")!;
    const run = await runCli(["keys", "rotate", "backend"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Rotated "backend": new key [0-9a-f]{12} with guardrail \S+; old key [0-9a-f]{12} disabled\./m,
    );
    const secret = /New secret of key [0-9a-f]{64} \(shown this once\): (sk-or-v1-\S+)/.exec(
      run.stdout,
    )?.[1];
    expect(secret && emulator.state.isUsable(secret)).toBe(true);
    expect(emulator.state.keys.get(old.hash)?.disabled).toBe(true);
  });

  it("keys rotate --delete-old --secrets-out --json: the secret goes to the file only", async () => {
    await runCli(["apply", "-f", EXAMPLE, "--yes"], { env });
    const old = [...emulator.state.keys.values()].find((k) => k.name === "backend")!;
    const secrets = join(dir, "rotated.json");
    const run = await runCli(
      ["keys", "rotate", old.hash, "--delete-old", "--secrets-out", secrets, "--json"],
      { env },
    );
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { previous: { action: string }; key?: string };
    expect(summary.previous.action).toBe("deleted");
    expect(summary.key).toBeUndefined();
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(emulator.state.keys.has(old.hash)).toBe(false);
  });

  it("a rotation that fails part way exits 1, says so, and still hands over the new secret", async () => {
    await runCli(["apply", "-f", EXAMPLE, "--yes"], { env });
    emulator.addFault({
      fault: { type: "status-sequence", statuses: [500, 500, 500] },
      match: { operationId: "bulkAssignKeysToGuardrail" },
    });
    const run = await runCli(["keys", "rotate", "backend"], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Both keys are usable");
    expect(run.stdout).toMatch(/New secret of key [0-9a-f]{64} \(shown this once\): sk-or-v1-/);
  });

  it("guardrails list: a table of every workspace's guardrails", async () => {
    await runCli(["apply", "-f", EXAMPLE, "--yes"], { env });
    const run = await runCli(["guardrails", "list"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(
      /^NAME\s+ID\s+WORKSPACE\s+LIMIT_USD\s+RESET\s+ALLOWED_MODELS\s+IGNORED_PROVIDERS$/,
    );
    expect(run.stdout).toMatch(
      /research-sandbox\s+\S+\s+research\s+25\s+daily\s+openai\/gpt-4o-mini,anthropic\/claude-3.5-haiku\s+deepinfra/,
    );
    const json = JSON.parse(
      (await runCli(["guardrails", "list", "--json", "--workspace", "research"], { env })).stdout,
    );
    expect(json.map((g: { name: string }) => g.name)).toEqual(["research-sandbox"]);
  });
});
