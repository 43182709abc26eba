// or-admin and secrets: the --secrets-out path is checked before any change, and every secret
// reaches the file or the terminal, whatever fails.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { SecretHandOver } from "../src/cli/secrets-handover";
import type { CliContext } from "../src/cli/cli-context";
import { parseCliArgs } from "../src/cli/cli-args";
import { ApplyError } from "../src/index";
import { adminFor, checkAndResetEmulator, MANAGEMENT_KEY, startEmulator } from "./helpers/emulator";
import { ensureBuilt, runCli } from "./helpers/run-cli";

let emulator: AdminEmulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), "or-admin-secrets-"));
  env = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY, OPENROUTER_BASE_URL: emulator.url };
});
checkAndResetEmulator(() => emulator);

const writes = () => emulator.requests.filter((r) => r.method !== "GET");

function stateFile(): string {
  const path = join(dir, "state.yaml");
  writeFileSync(path, "version: 1\nkeys:\n  - name: ci\n  - name: web\n");
  return path;
}

describe("--secrets-out is checked before any change", () => {
  it("a missing folder: apply refuses, creates nothing, says why", async () => {
    const run = await runCli(
      ["apply", "-f", stateFile(), "--yes", "--secrets-out", join(dir, "nope", "s.jsonl")],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("its folder does not exist");
    expect(run.stderr).toContain("Nothing was changed.");
    expect(emulator.requests).toEqual([]);
  });

  it("a symbolic link: refused, nothing created, the target untouched", async () => {
    const target = join(dir, "target.txt");
    writeFileSync(target, "precious\n");
    const link = join(dir, "link.jsonl");
    symlinkSync(target, link);
    const run = await runCli(["apply", "-f", stateFile(), "--yes", "--secrets-out", link], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("symbolic link");
    expect(readFileSync(target, "utf8")).toBe("precious\n");
    expect(writes()).toEqual([]);
  });

  it("keys rotate --delete-old with an unwritable file: refused before the old key is touched", async () => {
    const old = await adminFor(emulator).keys.create({ name: "backend" });
    emulator.reset();
    // A folder without write permission (root writes anyway, so then a "folder" that is a file).
    const locked = join(dir, "locked");
    const root = process.getuid?.() === 0;
    if (root) writeFileSync(locked, "");
    else mkdirSync(locked, { mode: 0o500 });
    const run = await runCli(
      ["keys", "rotate", "backend", "--delete-old", "--secrets-out", join(locked, "s.jsonl")],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /cannot be used: (it is not writable|a part of its folder path is not a folder)/,
    );
    expect(writes()).toEqual([]);
    expect(emulator.state.isUsable(old.key)).toBe(true);
  });
});

describe("keys rotate --json", () => {
  it("needs --secrets-out, since its JSON comes after the old key is retired", async () => {
    const old = await adminFor(emulator).keys.create({ name: "backend" });
    emulator.reset();
    const run = await runCli(["keys", "rotate", "backend", "--json"], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("keys rotate --json needs --secrets-out <file>");
    expect(emulator.requests).toEqual([]);
    expect(emulator.state.isUsable(old.key)).toBe(true);
  });
});

describe("a secrets file that fails part way", () => {
  it("apply stops at once and prints every secret created on stdout", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const context = {
      args: parseCliArgs(["apply", "--secrets-out", "s.jsonl"]),
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
    } as unknown as CliContext;
    let appends = 0;
    const handOver = SecretHandOver.withFile(context, {
      path: "s.jsonl",
      existed: false,
      append: async () => {
        if (++appends === 2) throw new Error("ENOSPC: no space left on device");
      },
      close: async () => {},
    });
    const admin = adminFor(emulator);
    const plan = await admin.plan({
      version: 1,
      keys: [{ name: "a" }, { name: "b" }, { name: "c" }],
    });
    const error = await admin
      .apply(plan, { concurrency: 1, onSecret: handOver.take })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect(emulator.state.keys.size).toBe(2);
    handOver.finish();
    expect(err.join("\n")).toContain("could not write the secrets to s.jsonl (ENOSPC");
    for (const key of emulator.state.keys.values())
      expect(out.join("\n")).toContain(emulator.state.secrets.get(key.hash));
  });
});
