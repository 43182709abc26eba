// BYOK credentials, observability destinations and SCIM group mappings as state: secrets from
// the environment (never in a plan), masked values compared by their ends, prune.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  MissingSecretError,
  parseState,
  renderPlan,
  StateError,
  type DesiredState,
} from "../src/index";
import { useEmulator } from "./helpers/emulator";
import { FULL_ACCOUNT, SCIM_GROUPS, SECRETS } from "./helpers/full-account";

const { OPENAI_KEY: OPENAI, LANGFUSE_SECRET: LANGFUSE } = SECRETS;

const t = useEmulator({ seed: { scimGroups: SCIM_GROUPS } });
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The settings sections of the full example account, with the one key they name. */
const state = (): DesiredState =>
  structuredClone({
    workspaces: [{ slug: "default" }, { slug: "research" }],
    keys: [{ name: "temp", workspace: "research" }],
    byok: FULL_ACCOUNT.byok,
    observability: FULL_ACCOUNT.observability,
    scim_group_mappings: FULL_ACCOUNT.scim_group_mappings,
  });

function setSecrets(openai = OPENAI, langfuse = LANGFUSE) {
  vi.stubEnv("OPENAI_KEY", openai);
  vi.stubEnv("LANGFUSE_SECRET", langfuse);
}

describe("settings as state", () => {
  it("creates each kind, sends the secrets only in the requests, then plans clean", async () => {
    setSecrets();
    const plan = await t.admin.plan(state());
    const text = renderPlan(plan);
    expect(text).toContain('+ byok "openai-prod"');
    expect(text).toContain("key: (secret)");
    expect(text).toContain("config.secretKey: (secret)");
    expect(text).toContain('+ scim mapping "Engineering" → "research"');
    for (const secret of [OPENAI, LANGFUSE]) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(plan)).not.toContain(secret);
    }
    await t.admin.apply(plan);
    const [byok] = t.emulator.state.byok.values();
    const [key] = t.emulator.state.keys.values();
    expect(byok).toMatchObject({
      name: "openai-prod",
      is_fallback: true,
      allowed_api_key_hashes: [key?.hash],
    });
    const [destination] = t.emulator.state.observability.values();
    expect(destination?.config).toEqual({ publicKey: "pk-lf-public", secretKey: LANGFUSE });
    expect(destination?.api_key_hashes).toEqual([key?.hash]);
    expect([...t.emulator.state.scimMappings.values()].map((m) => m.role)).toEqual(["member"]);
    expect((await t.admin.plan(state())).steps).toEqual([]);
  });

  it("names a missing variable before any request", async () => {
    vi.stubEnv("OPENAI_KEY", OPENAI);
    vi.stubEnv("LANGFUSE_SECRET", "");
    const error = await t.admin.plan(state()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingSecretError);
    expect((error as Error).message).toContain(
      "LANGFUSE_SECRET (observability[0].config.secretKey)",
    );
    expect((error as Error).message).not.toContain(OPENAI);
    expect(t.emulator.requests).toEqual([]);
  });

  it("shows a changed secret as (secret changed), one change per field, and applies it", async () => {
    setSecrets();
    await t.admin.apply(await t.admin.plan(state()));
    const ROTATED = "sk-lf-langfuse-secret-0003-qrstuvwx";
    setSecrets(OPENAI, ROTATED);
    const changed = state();
    changed.scim_group_mappings![0]!.role = "admin";
    changed.byok![0]!.is_fallback = false;
    const plan = await t.admin.plan(changed);
    expect(plan.steps.map((s) => [s.address, s.changes])).toEqual([
      ['byok "openai-prod"', [{ field: "is_fallback", from: true, to: false }]],
      ['observability "langfuse"', [{ field: "config.secretKey", secret: "changed" }]],
      ['scim mapping "Engineering" → "research"', [{ field: "role", from: "member", to: "admin" }]],
    ]);
    expect(renderPlan(plan)).toContain("config.secretKey: (secret changed)");
    await t.admin.apply(plan);
    expect([...t.emulator.state.observability.values()][0]?.config.secretKey).toBe(ROTATED);
    expect((await t.admin.plan(changed)).steps).toEqual([]);
  });

  it("hides a secret inside a config object (headers) on both sides of a change", async () => {
    const hook = (token: string): DesiredState => {
      vi.stubEnv("HOOK_TOKEN", token);
      return {
        observability: [
          {
            name: "hook",
            type: "webhook",
            config: { url: "https://example.test/in", headers: { Authorization: "${HOOK_TOKEN}" } },
          },
        ],
      };
    };
    const first = "Bearer hook-token-0001";
    await t.admin.apply(await t.admin.plan(hook(first)));
    expect((await t.admin.plan(hook(first))).steps).toEqual([]);
    const second = "Bearer hook-token-0002";
    const plan = await t.admin.plan(hook(second));
    expect(plan.steps.map((s) => s.changes)).toEqual([
      [{ field: "config.headers", secret: "changed" }],
    ]);
    for (const token of [first, second]) {
      expect(JSON.stringify(plan)).not.toContain(token);
      expect(renderPlan(plan)).not.toContain(token);
    }
  });

  it("leaves what the file does not list, and deletes it with prune (SCIM members kept)", async () => {
    setSecrets();
    await t.admin.apply(await t.admin.plan(state()));
    const smaller: DesiredState = {
      ...state(),
      byok: [],
      observability: [],
      scim_group_mappings: [],
    };
    const plan = await t.admin.plan(smaller);
    expect(plan.unmanaged).toEqual(
      expect.arrayContaining([
        'byok "openai-prod"',
        'observability "langfuse"',
        'scim mapping "Engineering" → "research"',
      ]),
    );
    const pruned = await t.admin.plan(smaller, { prune: true });
    await t.admin.apply(pruned);
    expect(t.emulator.state.counts().byok).toBe(0);
    expect(t.emulator.state.observability.size).toBe(0);
    expect(t.emulator.state.scimMappings.size).toBe(0);
    const deleted = t.emulator.requests.find((r) => r.operationId === "deleteScimGroupMapping");
    expect(deleted?.query).toEqual({ keep_members: "true" });
  });

  it("refuses secrets written in the file, and unknown SCIM groups", async () => {
    const literal = () =>
      parseState(
        [
          "observability:",
          "  - name: dd",
          "    type: datadog",
          "    config: { apiKey: dd-secret-value, mlApp: app }",
          "byok:",
          "  - { name: o, provider: openai, key: sk-raw }",
        ].join("\n"),
      );
    expect(literal).toThrow(StateError);
    expect(literal).toThrow(/observability\[0\]\.config\.apiKey: holds a secret/);
    expect(literal).toThrow(/byok\[0\]\.key: must name an environment variable/);
    await expect(
      t.admin.plan({
        workspaces: [{ slug: "default" }],
        scim_group_mappings: [{ group: "Sales", workspace: "default", role: "member" }],
      }),
    ).rejects.toThrow(/no SCIM group is named "Sales"/);
  });
});
