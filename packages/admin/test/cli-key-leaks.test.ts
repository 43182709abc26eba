// A management key with a newline or other control character: or-admin refuses it before any
// request, and no part of it reaches stdout or stderr, whatever the command.
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { scrubKeys } from "../src/cli/key-check";
import { checkAndResetEmulator, startEmulator } from "./helpers/emulator";
import { ensureBuilt, runCli } from "./helpers/run-cli";

let emulator: AdminEmulator;
const HEAD = "sk-or-v1-0123456789abcdef0123";
const TAIL = "LEAKYSECRETPART123";

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator();
});
checkAndResetEmulator(() => emulator);

describe("a key with a control character", () => {
  for (const [separator, label] of [
    ["\n", "newline"],
    ["\r", "carriage return"],
    ["\t", "tab"],
  ] as const) {
    it(`${label}: refused before any request, no key material printed`, async () => {
      const env = {
        OPENROUTER_MANAGEMENT_KEY: `${HEAD}${separator}${TAIL}`,
        OPENROUTER_BASE_URL: emulator.url,
      };
      for (const args of [
        ["keys", "list"],
        ["keys", "rotate", "ci"],
        ["keys", "delete", "ci", "--yes"],
      ]) {
        const run = await runCli(args, { env });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(
          "OPENROUTER_MANAGEMENT_KEY holds a space, control or non-ASCII character",
        );
        for (const text of [run.stdout, run.stderr]) {
          expect(text).not.toContain(TAIL);
          expect(text).not.toContain(HEAD.slice(9));
        }
      }
      expect(emulator.requests).toEqual([]);
    });
  }

  it("scrubKeys removes the key and each piece of it around unusual characters", () => {
    const key = `${HEAD}\u0000${TAIL}`;
    const text = `Headers.append: "Bearer ${HEAD}\n${TAIL}" and ${key}`;
    const scrubbed = scrubKeys(text, [key, undefined]);
    expect(scrubbed).not.toContain(TAIL);
    expect(scrubbed).not.toContain(HEAD);
    expect(scrubbed).toContain("<redacted>");
  });
});
