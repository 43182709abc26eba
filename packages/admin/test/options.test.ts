// Every count option and flag is checked before any request: a TypeError (or a usage error for
// the CLI) that names it. NaN or 0 once made plan read nothing at all.
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/cli/cli-args";
import { AdminArgumentError } from "../src/index";
import { useEmulatorAdmin } from "./helpers/emulator";

const t = useEmulatorAdmin();

const BAD = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60];

describe("library options", () => {
  it("plan and apply reject a bad concurrency, naming it, before any request", async () => {
    const plan = await t.admin.plan({ version: 1, keys: [{ name: "k" }] });
    t.emulator.reset();
    for (const concurrency of BAD) {
      const expected = `concurrency must be a whole number of 1 or more, got ${concurrency}`;
      await expect(t.admin.plan({ version: 1 }, { concurrency })).rejects.toThrow(expected);
      await expect(t.admin.apply(plan, { concurrency })).rejects.toThrow(TypeError);
    }
    expect(t.emulator.requests).toEqual([]);
  });

  it("list options are TypeErrors too", () => {
    expect(() => t.admin.keys.list({ limit: 2 ** 60 })).toThrow(AdminArgumentError);
    expect(() => t.admin.keys.list({ offset: Number.NaN })).toThrow(TypeError);
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
