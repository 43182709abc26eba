// Runs the built `or-admin` binary as a user would: a child process with its own environment.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(PACKAGE, "bin", "or-admin.js");
const BUILT = join(PACKAGE, "dist", "cli", "or-admin.js");

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

/** Builds the package when `dist/` is missing or older than `src/` (as `pnpm build` would). */
export function ensureBuilt(): void {
  const stale = !existsSync(BUILT) || statSync(BUILT).mtimeMs < newestSource(join(PACKAGE, "src"));
  if (stale)
    execFileSync(join(PACKAGE, "node_modules", ".bin", "tsup"), { cwd: PACKAGE, stdio: "ignore" });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `or-admin args`, writing `stdin` (then closing it); the environment is only `env` and PATH. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? PACKAGE,
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
