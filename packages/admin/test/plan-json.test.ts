// `or-admin plan --json` follows its published, versioned schema (schema/plan.schema.json),
// for a plan with every kind of step and for a clean one.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator } from "@or/testing";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { adminFor, checkAndResetEmulator, MANAGEMENT_KEY, startEmulator } from "./helpers/emulator";
import { FULL_ACCOUNT, SCIM_GROUPS, SECRETS } from "./helpers/full-account";
import { ensureBuilt, runCli } from "./helpers/run-cli";

const schema = JSON.parse(
  readFileSync(new URL("../schema/plan.schema.json", import.meta.url), "utf8"),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

let emulator: AdminEmulator;
let file: string;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ seed: { scimGroups: SCIM_GROUPS } });
  file = join(mkdtempSync(join(tmpdir(), "or-admin-json-")), "state.yaml");
  writeFileSync(file, stringify(FULL_ACCOUNT));
  env = {
    OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY,
    OPENROUTER_BASE_URL: emulator.url,
    ...SECRETS,
  };
});
checkAndResetEmulator(() => emulator);

describe("plan --json", () => {
  it("validates against schema/plan.schema.json, with changes and without", async () => {
    const run = await runCli(["plan", "-f", file, "--json"], { env });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      version: number;
      changes: boolean;
      steps: Array<{ kind: string }>;
    };
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report).toMatchObject({ version: 1, changes: true });
    expect(new Set(report.steps.map((s) => s.kind)).size).toBe(10);
    for (const secret of Object.values(SECRETS)) expect(run.stdout).not.toContain(secret);

    process.env.OPENAI_KEY = SECRETS.OPENAI_KEY;
    process.env.LANGFUSE_SECRET = SECRETS.LANGFUSE_SECRET;
    try {
      const admin = adminFor(emulator);
      await admin.apply(await admin.plan(FULL_ACCOUNT));
    } finally {
      delete process.env.OPENAI_KEY;
      delete process.env.LANGFUSE_SECRET;
    }
    const clean = await runCli(["plan", "-f", file, "--json"], { env });
    expect(clean.code).toBe(0);
    const cleanReport = JSON.parse(clean.stdout) as unknown;
    expect(validate(cleanReport) ? [] : validate.errors).toEqual([]);
    expect(cleanReport).toMatchObject({ version: 1, changes: false, steps: [] });
  });

  it("is published with the package", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain("schema");
    expect(pkg.exports["./plan.schema.json"]).toBe("./schema/plan.schema.json");
  });
});
