// keys.rotate: a replacement with the same settings and guardrail, the old key retired only
// after; a failure part way leaves both keys usable and says what happened.
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { RotationError, type Admin } from "../src/index";
import {
  adminFor,
  isUsable,
  operations,
  startEmulator,
  checkAndResetEmulator,
} from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

async function keyWithGuardrail() {
  const workspace = await admin.workspaces.create({ name: "Prod", slug: "prod" });
  const guardrail = await admin.guardrails.create({
    name: "strict",
    workspace_id: workspace.id,
    limit_usd: 5,
  });
  const old = await admin.keys.create({
    name: "backend",
    limit: 40,
    limit_reset: "weekly",
    include_byok_in_limit: true,
    workspace_id: workspace.id,
  });
  await admin.guardrails.assignKeys(guardrail.id, [old.data.hash]);
  emulator.reset();
  return { workspace, guardrail, old };
}

/** A fault that fails one operation every time (more than the client's retries). */
const failAlways = (operationId: string, status = 500) =>
  emulator.addFault({
    fault: { type: "status-sequence", statuses: [status, status, status] },
    match: { operationId },
  });

describe("rotation", () => {
  it("creates the replacement with the same settings and guardrail, then disables the old key", async () => {
    const { workspace, guardrail, old } = await keyWithGuardrail();
    const result = await admin.keys.rotate(old.data.hash);

    expect(result.key).not.toBe(old.key);
    expect(result.data).toMatchObject({
      name: "backend",
      limit: 40,
      limit_reset: "weekly",
      include_byok_in_limit: true,
      workspace_id: workspace.id,
    });
    expect(result.guardrailId).toBe(guardrail.id);
    expect(result.previous).toEqual({ hash: old.data.hash, action: "disabled" });
    expect(emulator.state.keyAssignments.get(result.data.hash)?.guardrail_id).toBe(guardrail.id);
    expect(await isUsable(emulator, result.key)).toBe(true);
    expect(await isUsable(emulator, old.key)).toBe(false);
    expect(emulator.state.keys.get(old.data.hash)?.disabled).toBe(true);
    // Never touched before the new key was complete.
    const order = operations(emulator);
    expect(order.indexOf("updateKeys")).toBeGreaterThan(order.indexOf("bulkAssignKeysToGuardrail"));
    expect(order.indexOf("bulkAssignKeysToGuardrail")).toBeGreaterThan(order.indexOf("createKeys"));
  });

  it("deletes the old key when asked", async () => {
    const { old } = await keyWithGuardrail();
    const result = await admin.keys.rotate(old.data.hash, { old: "delete" });
    expect(result.previous.action).toBe("deleted");
    expect(emulator.state.keys.has(old.data.hash)).toBe(false);
    expect(await isUsable(emulator, old.key)).toBe(false);
    expect(await isUsable(emulator, result.key)).toBe(true);
  });

  it("rotates a key without a guardrail without any assignment call", async () => {
    const old = await admin.keys.create({ name: "plain" });
    emulator.reset();
    const result = await admin.keys.rotate(old.data.hash);
    expect(result.guardrailId).toBeNull();
    expect(operations(emulator)).not.toContain("bulkAssignKeysToGuardrail");
  });

  it("a failed guardrail assignment leaves both keys usable and says what happened", async () => {
    const { guardrail, old } = await keyWithGuardrail();
    failAlways("bulkAssignKeysToGuardrail");
    const error = (await admin.keys
      .rotate(old.data.hash)
      .catch((e: unknown) => e)) as RotationError;

    expect(error).toBeInstanceOf(RotationError);
    expect(error.stage).toBe("assign-guardrail");
    expect(error.oldHash).toBe(old.data.hash);
    expect(error.newKey?.name).toBe("backend");
    expect(error.message).toContain(`assigning guardrail ${guardrail.id}`);
    expect(error.message).toContain("Both keys are usable");
    expect(error.message).toContain("500");
    // The new secret is handed over, but never in the message or in JSON.
    expect(error.secret).toMatch(/^sk-or-v1-/);
    expect(error.message).not.toContain(error.secret);
    expect(JSON.stringify(error)).not.toContain(error.secret);

    expect(await isUsable(emulator, old.key)).toBe(true);
    expect(await isUsable(emulator, error.secret as string)).toBe(true);
    expect(emulator.state.keys.get(old.data.hash)?.disabled).toBe(false);
    expect(emulator.state.keyAssignments.get(old.data.hash)?.guardrail_id).toBe(guardrail.id);
    expect(operations(emulator)).not.toContain("updateKeys");
  });

  it("a failure retiring the old key leaves both keys usable, the new one complete", async () => {
    const { guardrail, old } = await keyWithGuardrail();
    failAlways("updateKeys", 503);
    const error = (await admin.keys
      .rotate(old.data.hash)
      .catch((e: unknown) => e)) as RotationError;
    expect(error.stage).toBe("retire-old");
    expect(error.message).toMatch(/disabling the old key failed: 503/);
    expect(error.message).toMatch(/Disable the old key [0-9a-f]{64} yourself/);
    expect(await isUsable(emulator, old.key)).toBe(true);
    expect(await isUsable(emulator, error.secret as string)).toBe(true);
    expect(emulator.state.keyAssignments.get(error.newKey?.hash as string)?.guardrail_id).toBe(
      guardrail.id,
    );
  });

  it("a failure creating the replacement changes nothing", async () => {
    const { old } = await keyWithGuardrail();
    failAlways("createKeys", 400);
    const error = (await admin.keys
      .rotate(old.data.hash)
      .catch((e: unknown) => e)) as RotationError;
    expect(error.stage).toBe("create-new");
    expect(error.newKey).toBeUndefined();
    expect(error.secret).toBeUndefined();
    expect(error.message).toMatch(
      /No key was created\. The old key [0-9a-f]{64} is unchanged and usable/,
    );
    expect(emulator.state.keys.size).toBe(1);
    expect(await isUsable(emulator, old.key)).toBe(true);
  });

  it("a key that does not exist fails before any change", async () => {
    const error = (await admin.keys
      .rotate("a".repeat(64))
      .catch((e: unknown) => e)) as RotationError;
    expect(error.stage).toBe("read-old");
    expect(error.message).toContain("Nothing was created or changed");
    expect(operations(emulator)).not.toContain("createKeys");
  });
});
