// Starts the admin emulator of @or/testing with the spec, and admin clients pointed at it.
import { overlaidSpec } from "@or/scripts";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startAdminEmulator, type AdminEmulator, type AdminEmulatorOptions } from "@or/testing";
import { createAdmin, type Admin, type AdminOptions } from "../../src/index";

/** A placeholder management key: `sk-or-v1-` and zeros only. */
export const MANAGEMENT_KEY = `sk-or-v1-${"0".repeat(64)}`;

let spec: Promise<Awaited<ReturnType<typeof overlaidSpec>>> | undefined;

/** An emulator that checks every request and answer against the spec (overlays applied). */
export async function startEmulator(options: AdminEmulatorOptions = {}): Promise<AdminEmulator> {
  spec ??= overlaidSpec();
  return startAdminEmulator({
    spec: (await spec) as AdminEmulatorOptions["spec"],
    managementKey: MANAGEMENT_KEY,
    ...options,
  });
}

/**
 * Registers the file's emulator checks: after each test, no request or answer broke the spec
 * and the state is back to the seed; after all, the emulator is closed.
 */
export function checkAndResetEmulator(emulator: () => AdminEmulator): void {
  afterEach(() => {
    expect(emulator().contractProblems).toEqual([]);
    emulator().reset({ state: true });
  });
  afterAll(() => emulator().close());
}

/**
 * The file's emulator and an admin client for it: started before all tests, checked and reset
 * after each (see `checkAndResetEmulator`). Read `.emulator` and `.admin` inside tests.
 */
export function useEmulatorAdmin(): { emulator: AdminEmulator; admin: Admin } {
  const handle = {} as { emulator: AdminEmulator; admin: Admin };
  beforeAll(async () => {
    handle.emulator = await startEmulator();
    handle.admin = adminFor(handle.emulator);
  });
  checkAndResetEmulator(() => handle.emulator);
  return handle;
}

/** An admin client for the emulator; retries are quick so fault tests stay fast. */
export function adminFor(emulator: AdminEmulator, options: AdminOptions = {}): Admin {
  return createAdmin({
    apiKey: MANAGEMENT_KEY,
    baseUrl: emulator.url,
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** Whether a key's secret is accepted by the API: `GET /key` with it answers 200. */
export async function isUsable(emulator: AdminEmulator, secret: string): Promise<boolean> {
  const res = await fetch(`${emulator.url}/key`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  await res.body?.cancel();
  return res.status === 200;
}

/** The operation ids of the requests so far, in order. */
export const operations = (emulator: AdminEmulator) =>
  emulator.requests.map((r) => r.operationId ?? r.path);

/** A test file's emulator and admin client: started before all, checked and reset after each. */
export interface EmulatorFixture {
  readonly emulator: AdminEmulator;
  readonly admin: Admin;
}

/**
 * Starts an emulator (with `options`) and an admin client for it for the test file, with the
 * checks of `checkAndResetEmulator`. Read `.emulator` and `.admin` inside tests.
 * @example
 * const t = useEmulator();
 * it("plans", async () => expect((await t.admin.plan({})).steps).toEqual([]));
 */
export function useEmulator(options: AdminEmulatorOptions = {}): EmulatorFixture {
  let emulator: AdminEmulator | undefined;
  let admin: Admin | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
    admin = adminFor(emulator);
  });
  checkAndResetEmulator(() => emulator as AdminEmulator);
  return {
    get emulator() {
      return emulator as AdminEmulator;
    },
    get admin() {
      return admin as Admin;
    },
  };
}
