import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { overlaidSpec } from "@or/scripts";

/** Where the Prism mock is, and where to look when it did not come up. */
export interface PrismInfo {
  /** Prism serves the spec's paths at its root: `http://127.0.0.1:PORT`. */
  url: string;
  /** The overlaid spec Prism mocks. */
  specPath: string;
  /** Prism's output, and the launcher's own failure if any. */
  logPath: string;
}

/** A free loopback port (asked of the OS, then released for Prism to take). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The prism-cli entry point, run with this Node (not a shell wrapper, so `kill` reaches it). */
function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bin.prism as string);
}

/**
 * Starts `prism mock` on the overlaid spec (written to a temp file) on a free loopback port,
 * in the background: Prism takes half a minute to read the spec, and tests of other files run
 * meanwhile. Callers wait for it with `waitForPrism`.
 */
export async function launchPrism(): Promise<PrismInfo & { close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "or-fetch-prism-"));
  const info: PrismInfo = {
    url: `http://127.0.0.1:${await freePort()}`,
    specPath: join(dir, "openrouter.json"),
    logPath: join(dir, "prism.log"),
  };
  writeFileSync(info.logPath, "");
  let child: ChildProcess | undefined;
  let closed = false;
  const started = (async () => {
    writeFileSync(info.specPath, JSON.stringify(await overlaidSpec()));
    if (closed) return;
    const port = new URL(info.url).port;
    child = spawn(
      process.execPath,
      [prismEntry(), "mock", info.specPath, "-h", "127.0.0.1", "-p", port],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const log = (chunk: Buffer) => appendFileSync(info.logPath, chunk);
    child.stdout?.on("data", log);
    child.stderr?.on("data", log);
    child.once("exit", (code, signal) =>
      appendFileSync(info.logPath, `\nprism exited (${code ?? signal})\n`),
    );
  })().catch((error: unknown) =>
    appendFileSync(info.logPath, `\nlaunch failed: ${String(error)}\n`),
  );
  return {
    ...info,
    close: async () => {
      closed = true;
      await started;
      if (child) await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
