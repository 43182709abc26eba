import { spawn } from "node:child_process";

export interface CommandOutput {
  /** Exit code; `null` when the process was killed by a signal. */
  code: number | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
}

/** Runs a command without a shell, capturing its output; never throws on a non-zero exit. */
export function runCommand(command: string[], cwd: string): Promise<CommandOutput> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file!, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", (error) =>
      reject(new Error(`Cannot run ${command.join(" ")}: ${error.message}`, { cause: error })),
    );
    child.on("close", (code) => resolve({ code, output }));
  });
}
