// The `or-replay --admin-emulator` mode, started as the CLI starts it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { overlaidSpec } from "@or/scripts";
import { describe, expect, it } from "vitest";
import { adminEmulatorMode } from "../src/admin-emulator/index";

const listen = { port: 0, host: "127.0.0.1" };

describe("adminEmulatorMode", () => {
  it("checks bodies against --spec and accepts only --management-key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "admin-emulator-"));
    const specFile = join(dir, "openrouter.json");
    writeFileSync(specFile, JSON.stringify(await overlaidSpec()));
    const key = `sk-or-v1-${"0".repeat(64)}`;
    const running = await adminEmulatorMode.start(
      { "admin-emulator": true, spec: specFile, "management-key": key },
      listen,
    );
    try {
      expect(running.summary).toBe(
        `admin emulator checking against ${specFile}, accepting one management key`,
      );
      const post = (auth: string, body: unknown) =>
        fetch(`${running.url}/keys`, {
          method: "POST",
          headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      expect((await post("another-key", { name: "ci" })).status).toBe(401);
      const bad = await post(key, { name: "ci", limit: "ten" });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
        "request.body/limit",
      );
      expect((await post(key, { name: "ci" })).status).toBe(201);
    } finally {
      await running.close();
    }
  });

  it("runs without a spec, and says so", async () => {
    const running = await adminEmulatorMode.start({ "admin-emulator": true }, listen);
    try {
      expect(running.summary).toContain("without a spec");
      const res = await fetch(`${running.url}/workspaces`, {
        headers: { authorization: "Bearer anything" },
      });
      expect(res.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it("refuses a --spec that is not an OpenAPI document", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "admin-emulator-")), "not-spec.json");
    writeFileSync(file, "{}");
    await expect(adminEmulatorMode.start({ spec: file }, listen)).rejects.toThrow(/has no "paths"/);
  });
});
