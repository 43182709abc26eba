// The README's admin steps, run as written: its sh block is read from examples/README.md and each
// `pnpm exec` line runs as a child process in examples/ (the built binaries), with the block's
// `export` lines as the environment. Only the URL placeholder is filled in, from the emulator.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";

const EXAMPLES = fileURLToPath(new URL("..", import.meta.url));
const URL_PLACEHOLDER = "<the URL terminal 1 printed>";
let emulator: ChildProcess | undefined;

/** The sh block of the README's `## admin` section, comments removed, one command a line. */
async function adminSteps(): Promise<string[]> {
  const readme = await readFile(`${EXAMPLES}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("\n## admin\n"));
  const block = /```sh\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf("\n## ", 1)))?.[1];
  if (!block) throw new Error("examples/README.md has no sh block under ## admin");
  return block
    .split("\n")
    .map((line) =>
      line
        .replace(/\s+#.*$/, "")
        .replace(/^#.*$/, "")
        .trim(),
    )
    .filter(Boolean);
}

/** `pnpm exec a b c` as written (the README's commands take no quoting). */
function start(command: string, env: NodeJS.ProcessEnv): ChildProcess {
  const [program, ...args] = command.split(/\s+/) as [string, ...string[]];
  // Its own process group, so that stopping it stops pnpm and the server under it.
  return spawn(program, args, { cwd: EXAMPLES, env, stdio: "pipe", detached: true });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before a URL: ${err}`)));
  });
}

function finish(
  child: ChildProcess,
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin?.end(stdin);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

afterEach(async () => {
  if (!emulator || emulator.exitCode !== null) return;
  const exited = new Promise((resolve) => emulator!.once("exit", resolve));
  process.kill(-emulator.pid!, "SIGTERM");
  await exited;
});

test("README admin steps: seeded emulator, plan (exit 2), apply (y), plan again: no changes", async () => {
  const steps = await adminSteps();
  expect(steps).toEqual([
    "pnpm exec or-replay --admin-emulator --seed admin/seed.yaml",
    `export OPENROUTER_BASE_URL=${URL_PLACEHOLDER}`,
    "export OPENROUTER_MANAGEMENT_KEY=sk-or-v1-emulator",
    "pnpm exec or-admin plan -f admin/state.yaml",
    "pnpm exec or-admin apply -f admin/state.yaml",
    "pnpm exec or-admin plan -f admin/state.yaml",
  ]);
  // A user's shell, without keys or a base URL of its own.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["OPENROUTER_API_KEY", "OPENROUTER_MANAGEMENT_KEY", "OPENROUTER_BASE_URL"])
    delete env[name];

  emulator = start(steps[0]!, env);
  const url = await firstLine(emulator);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  for (const line of steps.slice(1, 3)) {
    const [name, value] = line.replace(/^export /, "").split("=") as [string, string];
    env[name] = value === URL_PLACEHOLDER ? url : value;
  }

  const plan = await finish(start(steps[3]!, env), "");
  expect(plan.stderr).not.toContain("or-admin:");
  expect(plan.code).toBe(2);
  expect(plan.stdout).toMatch(/Plan: \d+ to create/);

  const apply = await finish(start(steps[4]!, env), "y\n");
  expect(apply.stderr).toContain("[y/N]");
  expect(apply.code).toBe(0);
  expect(apply.stderr).toMatch(/Applied \d+ changes/);
  expect(apply.stdout).toMatch(/New keys \(their secrets are shown this once/);

  const again = await finish(start(steps[5]!, env), "");
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("No changes: the account matches the state.");
});
