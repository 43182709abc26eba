import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); `OR_CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM_PATH = process.env.OR_CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Fails (never skips) without a browser: CI installs it, so a missing one is a broken setup. */
export function assertChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `Chromium not found at ${CHROMIUM_PATH}. Install Debian's build with ` +
      "`apt-get update && apt-get install -y chromium`, or set OR_CHROMIUM_PATH to a Chrome/Chromium binary.",
  );
}

/**
 * Opens `url` in a fresh headless Chromium profile, runs `use` on the page and closes the
 * browser. Page errors and console errors come along in a failure's message.
 */
export async function withChromiumPage<T>(
  url: string,
  use: (page: Page) => Promise<T>,
): Promise<{ value: T; version: string }> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), "or-chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ARGS,
  });
  const problems: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
    });
    await page.goto(url);
    const version =
      context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    return { value: await use(page), version };
  } catch (error) {
    const detail = problems.length > 0 ? `\nIn the page:\n${problems.join("\n")}` : "";
    throw new Error(`${(error as Error).message}${detail}`, { cause: error });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
