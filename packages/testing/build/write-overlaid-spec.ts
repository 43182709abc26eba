// Build step of @or/testing: writes the locked OpenRouter spec with our overlays to
// dist/openrouter.overlaid.json, the spec `createContractValidator()` uses when given none. It is
// produced at build time (never committed) from the same lock and overlays `@or/types` is
// generated from, and records the lock's hash so a test can tell the two agree.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { lockedSpec, overlaidSpec } from "@or/scripts";

const target = join(import.meta.dirname, "..", "dist", "openrouter.overlaid.json");
const { lock } = await lockedSpec();
const spec = await overlaidSpec();
const info = { ...(spec.info as object), "x-or-locked-sha256": lock.sha256 };
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, JSON.stringify({ ...spec, info }));
console.log(`wrote ${target} (spec sha256 ${lock.sha256.slice(0, 16)})`);
