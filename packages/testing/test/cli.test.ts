// Runs the built `or-replay` binary, as users do. Build first: `pnpm --filter @or/testing build`
// (turbo's `test` task does); a missing build is made here.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir } from "../src/fixtures";
import { runNode, startCli as startBin, type Cli } from "./cli-process";
import { AUTH, TEST_KEY, testFixturesDir } from "./replay-client";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bin = join(packageDir, "bin/or-replay.js");

beforeAll(() => {
  if (!existsSync(join(packageDir, "dist/cli/or-replay.js"))) {
    execFileSync("pnpm", ["build"], { cwd: packageDir, stdio: "ignore" });
  }
});

/** Starts the binary and resolves with the URL it prints as its first line. */
const startCli = (args: string[], env: Record<string, string> = {}) =>
  startBin(bin, args, { cwd: packageDir, env });

/** Resolves once the binary's stderr holds `text`: on its output, no clock. */
function stderrIncludes(cli: Cli, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (cli.stderr().includes(text)) resolve();
    };
    // Registered after startCli's own listener, so the text seen is up to date.
    cli.child.stderr?.on("data", check);
    check();
  });
}

/** Runs the binary to completion. */
const runCli = (args: string[]) => runNode([bin, ...args], { cwd: packageDir });

describe("or-replay", () => {
  it("--port 0 prints the URL first, serves the fixtures, and stops on SIGTERM", async () => {
    const cli = await startCli(["--port", "0", "--fixtures", testFixturesDir]);
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      expect(cli.url).not.toMatch(/:0\//);
      const res = await fetch(`${cli.url}/credits`, { headers: AUTH });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { total_credits: 25, total_usage: 3.5 } });
      expect(cli.stderr()).toContain(`serving 10 fixtures from ${testFixturesDir}`);
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exit, cli.stderr()).toBe(0);
  });

  it.skipIf(!existsSync(fixturesDir))(
    "serves the fixtures shipped in the package by default",
    async () => {
      const cli = await startCli([]);
      cli.child.kill("SIGINT");
      expect(await cli.exit, cli.stderr()).toBe(0);
      expect(cli.stderr()).toMatch(
        new RegExp(`serving \\d+ fixtures from ${fixturesDir.replace(/[/\\]/g, ".")}`),
      );
    },
  );

  it("says what is wrong with its flags and exits 2", async () => {
    const unknown = await runCli(["--prot", "0"]);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain("--prot");
    expect(unknown.stderr).toContain("Usage: or-replay");
    const foreign = await runCli(["--out", "x"]);
    expect(foreign.code, foreign.stderr).toBe(2);
    expect(foreign.stderr).toContain("--out cannot be used in replay mode");
    const notJson = await runCli(["--record", "--spec", join(packageDir, "README.md")]);
    expect(notJson.code, notJson.stderr).toBe(2);
    expect(notJson.stderr).toContain("README.md is not JSON");
    const port = await runCli(["--port", "http"]);
    expect(port.code, port.stderr).toBe(2);
    expect(port.stderr).toContain("--port must be an integer");
  });

  it("--help prints the usage and exits 0", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--record");
    expect(help.stdout).toContain("--fixtures <dir>");
  });

  it("runs as `pnpm exec or-replay` from the repository root", () => {
    const root = join(packageDir, "../..");
    const out = execFileSync("pnpm", ["exec", "or-replay", "--help"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(out).toContain("Usage: or-replay");
  });

  it("--help lists each flag once, and the README's CLI table lists every one of them", async () => {
    const help = (await runCli(["--help"])).stdout;
    const listed = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1] as string);
    expect(listed.length).toBeGreaterThanOrEqual(11);
    expect(listed.filter((flag, i) => listed.indexOf(flag) !== i)).toEqual([]);
    const readme = readFileSync(join(packageDir, "README.md"), "utf8");
    const cliSection = readme.slice(readme.indexOf("## The `or-replay` CLI"));
    const table = cliSection.slice(0, cliSection.indexOf("\n## "));
    const documented = new Set(
      [...table.matchAll(/^\| `(?:-\w`, `)?(--[a-z-]+)/gm)].map((m) => m[1] as string),
    );
    expect([...documented].sort()).toEqual([...listed].sort());
  });

  describe("--record", () => {
    const out = mkdtempSync(join(tmpdir(), "or-replay-cli-"));
    const upstream = createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: { seen: req.headers.authorization } }));
    });
    let upstreamUrl = "";
    beforeAll(
      () =>
        new Promise<void>((resolve) =>
          upstream.listen(0, "127.0.0.1", () => {
            upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/v1`;
            resolve();
          }),
        ),
    );
    afterAll(() => {
      upstream.close();
      rmSync(out, { recursive: true, force: true });
    });

    it("forwards to --upstream with the key from the environment and writes redacted fixtures to --out", async () => {
      const realKey = `sk-or-v1-${"0".repeat(60)}real`;
      const token = "scripted-recorder-token-1";
      const cli = await startCli(
        ["--record", "--upstream", upstreamUrl, "--out", out, "--port", "0"],
        { OPENROUTER_API_KEY: realKey, OR_RECORDER_TOKEN: token },
      );
      let body: unknown;
      try {
        expect((await fetch(`${cli.url}/credits`, { headers: AUTH })).status).toBe(401);
        const auth = { authorization: `Bearer ${token}` };
        body = await (await fetch(`${cli.url}/credits`, { headers: auth })).json();
      } finally {
        cli.child.kill("SIGINT");
      }
      expect(await cli.exit, cli.stderr()).toBe(0);
      expect(body).toEqual({ data: { seen: `Bearer ${realKey}` } });
      expect(cli.stderr()).toContain(`recording ${upstreamUrl} into ${out}`);
      expect(cli.stderr()).toContain("the token in OR_RECORDER_TOKEN");
      expect(cli.stderr()).not.toContain(token);
      const written = readFileSync(join(out, "getCredits", "recorded.json"), "utf8");
      expect(JSON.parse(written).response.body).toEqual({
        data: { seen: "Bearer sk-or-<redacted:1>" },
      });
      expect(written).not.toContain(realKey);
      expect(written).not.toContain(TEST_KEY);
    });

    it("prints a random recorder token at start, and forwards only requests carrying it", async () => {
      const cli = await startCli(["--record", "--upstream", upstreamUrl, "--out", out], {
        OPENROUTER_API_KEY: `sk-or-v1-${"0".repeat(60)}real`,
      });
      try {
        await stderrIncludes(cli, "recorder token");
        const token = /recorder token (\S+)/.exec(cli.stderr())?.[1] as string;
        expect(token).toMatch(/^or-rec-/);
        const res = await fetch(`${cli.url}/credits`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      } finally {
        cli.child.kill("SIGINT");
      }
      expect(await cli.exit, cli.stderr()).toBe(0);
    });
  });
});
