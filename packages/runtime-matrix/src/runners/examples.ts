import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PLACEHOLDER_KEY } from "../client";
import { bundleModule, entryPath } from "../harness/bundle";
import { assertChromium, withChromiumPage } from "../harness/chromium";
import type { StreamSummary } from "../stream-summary";
import { runWorkerdTest } from "./workerd";

/** The repository's `examples/` folder (the `@or/examples` package). */
export const EXAMPLES_DIR = fileURLToPath(new URL("../../../../examples/", import.meta.url));

export interface WorkerExampleRun extends StreamSummary {
  /** Status of a GET, which the example refuses. */
  getStatus: number;
  contentType: string | null;
}

/**
 * examples/cloudflare-worker in workerd: the example is bundled as is and called through a
 * service binding by a test driver; it talks to the API at `apiBase`.
 */
export async function runWorkerExample(apiBase: string, outdir: string): Promise<WorkerExampleRun> {
  const example = await bundleModule(
    join(EXAMPLES_DIR, "cloudflare-worker/worker.ts"),
    join(outdir, "example-worker.mjs"),
    "neutral",
  );
  const driver = await bundleModule(
    entryPath("example-worker-driver"),
    join(outdir, "example-driver.mjs"),
    "neutral",
  );
  const run = await runWorkerdTest<WorkerExampleRun>(
    "example-worker",
    [
      { name: "driver", module: driver, services: { EXAMPLE: "example" } },
      {
        name: "example",
        module: example,
        text: { OPENROUTER_API_KEY: PLACEHOLDER_KEY },
        fromEnvironment: { OPENROUTER_BASE_URL: "OR_API_BASE" },
      },
    ],
    { OR_API_BASE: apiBase },
  );
  return run.value;
}

export interface PageExampleRun {
  /** `#answer`'s text once the page says it is done. */
  answer: string;
  /** `#status`: finish reason and tokens, or the error. */
  status: string;
  state: string | undefined;
}

/**
 * examples/server-to-browser as a user runs it (`tsx server-to-browser/server.ts`, replaying
 * fixtures since no key is set), with its page driven in headless Chromium: submit the form,
 * wait for the stream to end, read what the page rendered.
 */
export async function runServerToBrowserExample(): Promise<PageExampleRun> {
  assertChromium();
  const server = await startExampleServer();
  try {
    const { value } = await withChromiumPage(server.url, async (page) => {
      await page.click("#ask button");
      await page.waitForSelector("#status[data-state=done], #status[data-state=error]", {
        timeout: 30_000,
      });
      return {
        answer: await page.locator("#answer").innerText(),
        status: await page.locator("#status").innerText(),
        state: await page.locator("#status").evaluate((el) => (el as HTMLElement).dataset.state),
      };
    });
    return value;
  } finally {
    server.stop();
  }
}

/** Starts the example server on a free port and waits for the URL it prints. */
function startExampleServer(): Promise<{ url: string; stop: () => void }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0" };
  delete env.OPENROUTER_API_KEY;
  const child = spawn(
    join(EXAMPLES_DIR, "node_modules/.bin/tsx"),
    ["server-to-browser/server.ts"],
    {
      cwd: EXAMPLES_DIR,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("no URL within 30 s")), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(new Error(`examples/server-to-browser/server.ts: ${error.message}\n${output}`));
    };
    const onData = (text: Buffer) => {
      output += text.toString();
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, stop: () => child.kill("SIGTERM") });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`exited with ${code} before serving`)));
  });
}
