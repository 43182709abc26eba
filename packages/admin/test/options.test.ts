// Every count option and flag is checked before any request: a TypeError (or a usage error for
// the CLI) that names it. NaN or 0 once made plan read nothing at all.
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/cli/cli-args";
import { AdminArgumentError, type Admin } from "../src/index";
import { adminFor, checkAndResetEmulator, startEmulator } from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

const BAD = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60];

describe("library options", () => {
  it("plan and apply reject a bad concurrency, naming it, before any request", async () => {
    const plan = await admin.plan({ version: 1, keys: [{ name: "k" }] });
    emulator.reset();
    for (const concurrency of BAD) {
      const expected = `concurrency must be a whole number of 1 or more, got ${concurrency}`;
      await expect(admin.plan({ version: 1 }, { concurrency })).rejects.toThrow(expected);
      await expect(admin.apply(plan, { concurrency })).rejects.toThrow(TypeError);
    }
    expect(emulator.requests).toEqual([]);
  });

  it("list options are TypeErrors too", () => {
    expect(() => admin.keys.list({ limit: 2 ** 60 })).toThrow(AdminArgumentError);
    expect(() => admin.keys.list({ offset: Number.NaN })).toThrow(TypeError);
  });
});

describe("CLI flags", () => {
  for (const [flag, value] of [
    ["--concurrency", "0"],
    ["--concurrency", "0x10"],
    ["--concurrency", " 5"],
    ["--concurrency", "1e3"],
    ["--concurrency", "99999999999999999999"],
    ["--limit", "-1"],
    ["--limit", "2.5"],
  ] as const) {
    it(`${flag} ${JSON.stringify(value)} is a usage error naming it`, () => {
      expect(() => parseCliArgs(["plan", `${flag}=${value}`])).toThrow(
        `${flag} must be a whole number of 1 or more, got "${value}"`,
      );
    });
  }
});
