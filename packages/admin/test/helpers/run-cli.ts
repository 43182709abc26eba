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
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  return startCli(args, options).done;
}

export interface StartedCli {
  child: ReturnType<typeof spawn>;
  /** Resolves once stderr has shown `text`. */
  stderrShows(text: string): Promise<void>;
  done: Promise<CliRun>;
}

/** Starts `or-admin args` and lets the test act while it runs (send a signal, watch stderr). */
export function startCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): StartedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: PACKAGE,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiting.filter((w) => stderr.includes(w.text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stdin.end(options.stdin ?? "");
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      for (const w of waiting) w.resolve();
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    done,
    stderrShows: (text) =>
      stderr.includes(text)
        ? Promise.resolve()
        : new Promise((resolve) => waiting.push({ text, resolve })),
  };
}
