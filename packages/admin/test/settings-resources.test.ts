// admin.observability and admin.scim: lists page through the API (offset/limit, total_count).
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "../src/index";
import { adminFor, checkAndResetEmulator, operations, startEmulator } from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

describe("settings resources", () => {
  it("pages through 130 destinations in two requests", async () => {
    for (let i = 0; i < 130; i++)
      await admin.observability.create({
        type: "webhook",
        name: `hook-${i}`,
        config: { url: `https://example.test/${i}` },
      });
    emulator.reset();
    const all = await admin.observability.list().toArray();
    expect(all.map((d) => d.name)).toEqual(Array.from({ length: 130 }, (_, i) => `hook-${i}`));
    expect(operations(emulator)).toEqual([
      "listObservabilityDestinations",
      "listObservabilityDestinations",
    ]);
  });

  it("pages through SCIM groups and mappings, and maps a group to a workspace", async () => {
    for (let i = 0; i < 105; i++) emulator.state.addScimGroup(`group-${i}`);
    const groups = await admin.scim.groups().toArray();
    expect(groups).toHaveLength(105);
    const mapping = await admin.scim.mappings.create({
      scim_group_id: groups[104]!.id,
      workspace_id: emulator.state.defaultWorkspaceId,
      role: "member",
    });
    expect((await admin.scim.mappings.update(mapping.id, { role: "admin" })).role).toBe("admin");
    expect(await admin.scim.mappings.list().toArray()).toMatchObject([{ role: "admin" }]);
    await admin.scim.mappings.delete(mapping.id, { keepMembers: true });
    expect(emulator.state.scimMappings.size).toBe(0);
  });
});
