// Guardrail content filters and ZDR, workspace logging and provider-sort settings, key expiry:
// each applies, then plans clean; a change to one shows as exactly that change.
import { describe, expect, it } from "vitest";
import { PlanError, type DesiredState } from "../src/index";
import { useEmulator } from "./helpers/emulator";

const t = useEmulator();

const FUTURE = "2099-01-31T00:00:00.000Z";

const state = (): DesiredState => ({
  workspaces: [
    { slug: "default" },
    {
      slug: "research",
      default_provider_sort: "price",
      is_observability_io_logging_enabled: true,
      is_observability_broadcast_enabled: true,
      is_data_discount_logging_enabled: false,
      io_logging_sampling_rate: 0.25,
      io_logging_api_key_ids: [7, 3],
    },
  ],
  guardrails: [
    {
      name: "pii",
      workspace: "research",
      enforce_zdr: true,
      content_filters: [
        { pattern: "ACME-\\d+", action: "redact", label: "ticket" },
        { pattern: "password", action: "block" },
      ],
      content_filter_builtins: [
        { slug: "email", action: "redact" },
        { slug: "ssn", action: "block", scan_scope: "all_messages" },
      ],
    },
  ],
  keys: [{ name: "temp", workspace: "research", expires_at: FUTURE }],
});

const changesOf = async (desired: DesiredState) =>
  (await t.admin.plan(desired)).steps.map((s) => ({ address: s.address, changes: s.changes }));

describe("the whole management surface", () => {
  it("applies every field, then plans clean (built-in labels the API adds are not compared)", async () => {
    await t.admin.apply(await t.admin.plan(state()));
    const guardrail = [...t.emulator.state.guardrails.values()][0];
    expect(guardrail?.content_filter_builtins).toEqual([
      { slug: "email", action: "redact", label: "[EMAIL]" },
      { slug: "ssn", action: "block", scan_scope: "all_messages", label: "[SSN]" },
    ]);
    expect((await t.admin.plan(state())).steps).toEqual([]);
  });

  it("shows a change of one field as exactly that change", async () => {
    await t.admin.apply(await t.admin.plan(state()));
    const changed = state();
    changed.workspaces![1]!.io_logging_sampling_rate = 0.5;
    changed.guardrails![0]!.content_filter_builtins = [{ slug: "email", action: "flag" }];
    expect(await changesOf(changed)).toEqual([
      {
        address: 'workspace "research"',
        changes: [{ field: "io_logging_sampling_rate", from: 0.25, to: 0.5 }],
      },
      {
        address: 'guardrail "pii"',
        changes: [
          {
            field: "content_filter_builtins",
            from: [
              { slug: "email", action: "redact" },
              { slug: "ssn", action: "block", scan_scope: "all_messages" },
            ],
            to: [{ slug: "email", action: "flag" }],
          },
        ],
      },
    ]);
    await t.admin.apply(await t.admin.plan(changed));
    expect((await t.admin.plan(changed)).steps).toEqual([]);
  });

  it("sets expires_at when a key is created and refuses to change it later", async () => {
    await t.admin.apply(await t.admin.plan(state()));
    const key = [...t.emulator.state.keys.values()][0];
    expect(key?.expires_at).toBe(FUTURE);
    // The same instant written another way is no change.
    const same = state();
    same.keys![0]!.expires_at = "2099-01-31T00:00:00Z";
    expect((await t.admin.plan(same)).steps).toEqual([]);
    const moved = state();
    moved.keys![0]!.expires_at = "2099-06-30T00:00:00Z";
    await expect(t.admin.plan(moved)).rejects.toThrow(
      /key "temp" expires at 2099-01-31T00:00:00.000Z, not at 2099-06-30T00:00:00Z; the API sets expires_at only when a key is created/,
    );
  });

  it("plans an expired key like any other, and refuses to create one already expired", async () => {
    t.emulator.state.addKey({ name: "old", expires_at: "2001-01-01T00:00:00.000Z" });
    const expired: DesiredState = {
      keys: [{ name: "old", expires_at: "2001-01-01T00:00:00Z", limit: 5 }],
    };
    const plan = await t.admin.plan(expired);
    expect(plan.steps.map((s) => s.changes)).toEqual([[{ field: "limit", from: null, to: 5 }]]);
    const error = await t.admin
      .plan({ keys: [{ name: "new", expires_at: "2001-01-01T00:00:00Z" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).problems).toEqual([
      'key "new": expires_at 2001-01-01T00:00:00Z is in the past; the key would be created expired.',
    ]);
    await expect(t.admin.plan({ keys: [{ name: "x", expires_at: "soon" }] })).rejects.toThrow(
      /expires_at "soon" is not an ISO 8601 date-time/,
    );
  });
});
