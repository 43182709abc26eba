import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment overrides; `undefined` removes a variable. */
export type Env = Record<string, string | undefined>;

const bin = join(import.meta.dirname, "..", "..", "bin", "or-spec.mjs");

/** A repository root in a temp dir: only an empty `openapi/`, nothing copied from the repo. */
export function tempRepo() {
  const base = mkdtempSync(join(tmpdir(), "or-spec-cli-"));
  // `repo/` sits one level down so that `<root>/../shared` (a local snapshot candidate) is empty.
  const root = join(base, "repo");
  mkdirSync(join(root, "openapi"), { recursive: true });
  return {
    root,
    lockPath: join(root, "openapi", "openrouter.lock.json"),
    cachePath: join(root, "openapi", ".cache", "openrouter.json"),
    generatedDir: join(root, "packages", "types", "src", "generated"),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/**
 * Runs `or-spec` in this process, as `bin/or-spec.mjs` does, with `env` applied first and the
 * pipeline's modules reloaded (paths are read from the environment when `paths.ts` loads).
 */
export async function runCli(args: string[], env: Env): Promise<CliRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  applyEnv(env);
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ") + "\n")),
    vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ") + "\n")),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0),
  ];
  try {
    vi.resetModules();
    const { main } = await import("../../src/cli/main.ts");
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    for (const spy of spies) spy.mockRestore();
    applyEnv(saved);
  }
}

/** Runs the real `bin/or-spec.mjs` in a child process: exit code and output as a shell sees them. */
export function spawnCli(args: string[], env: Env): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: childEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function applyEnv(env: Env): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
