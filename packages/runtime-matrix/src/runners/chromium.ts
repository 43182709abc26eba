import { withChromiumPage } from "../harness/chromium";
import { startPageServer } from "../harness/page-server";
import type { Bundles } from "../harness/bundle";
import type { RuntimeRun } from "./runtime-run";

export interface ChromiumRun extends RuntimeRun {
  /** The page's origin: `http://localhost:PORT`, another origin than the API's. */
  pageOrigin: string;
  /** The deltas seen while the server held the rest of the stream back (`deltasBeforeStall`). */
  deltasBeforeStall: string[];
}

/** How many SSE items the server sends before stalling in the incremental check. */
export const ITEMS_BEFORE_STALL = 3;

/** Loads the matrix page from `localhost` in headless Chromium and runs the client there. */
export async function runChromium(apiBase: string, bundles: Bundles): Promise<ChromiumRun> {
  const pages = await startPageServer(bundles.browser);
  const started = performance.now();
  try {
    const { value, version } = await withChromiumPage(
      `http://localhost:${pages.port}/`,
      async (page) => {
        await page.waitForFunction(() => window.__matrix !== undefined, null, { timeout: 30_000 });
        const summary = await page.evaluate(
          (base) => window.__matrix!.runClient(base, "chromium"),
          apiBase,
        );
        const ms = performance.now() - started;
        const deltas = await page.evaluate(
          ([base, items]) => window.__matrix!.deltasBeforeStall(base, items),
          [apiBase, ITEMS_BEFORE_STALL] as const,
        );
        return { summary, ms, deltas, pageOrigin: await page.evaluate(() => location.origin) };
      },
    );
    return {
      runtime: "chromium",
      version,
      ms: value.ms,
      summary: value.summary,
      pageOrigin: value.pageOrigin,
      deltasBeforeStall: value.deltas,
    };
  } finally {
    await pages.close();
  }
}
