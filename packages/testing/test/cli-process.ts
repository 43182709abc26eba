import { spawn, type ChildProcess } from "node:child_process";

export interface Cli {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts a server CLI (`node <script> ...args`) and resolves with the URL it prints first. */
export function startCli(
  script: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Cli> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline !== -1)
        resolve({ child, url: stdout.slice(0, newline), stderr: () => stderr, exit });
    });
    void exit.then((code) =>
      reject(new Error(`${script} exited with ${code} before printing a URL: ${stderr}`)),
    );
  });
}

/** Runs `node ...nodeArgs` to completion: its exit code and output. */
export function runNode(
  nodeArgs: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
