// The admin emulator as a module: a stateful in-memory OpenRouter admin API for tests.
export { startAdminEmulator } from "./emulator-server";
export type { AdminEmulator, AdminEmulatorOptions, EmulatorRequest } from "./emulator-types";
export type { HeldRequest, StepFault } from "./step-faults";
export { AdminStore, DEFAULT_MEMBERS, OWNER_USER_ID, type AdminSeed } from "./store";
export { ADMIN_ROUTES } from "./routes";
export type * from "./records";
export { adminEmulatorMode } from "./cli-mode";
export type * from "./settings-records";
export type { RateLimitOptions } from "./rate-limit";
