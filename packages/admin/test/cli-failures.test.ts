// Every way `or-admin` can fail, through the built binary: one or two readable lines on stderr,
// never a stack trace (unless OR_ADMIN_DEBUG=1), and the exit codes the README documents.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, type CliRun } from "./helpers/run-cli";

/** A placeholder management key: `sk-or-v1-` and zeros only. */
const MANAGEMENT_KEY = `sk-or-v1-${"0".repeat(64)}`;
let dir: string;
let htmlServer: Server;
let htmlUrl: string;
let closedUrl: string;
const key = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY };
const VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

/** Serves an HTML page for every request, as a proxy or a wrong base URL would. */
function startHtmlServer(): Promise<Server> {
  const server = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<html><body>Not the API</body></html>");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** A URL where nothing listens: a server's port, after that server closed. */
async function closedPortUrl(): Promise<string> {
  const server = await startHtmlServer();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/api/v1`;
}

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "or-admin-failures-"));
  htmlServer = await startHtmlServer();
  htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}/api/v1`;
  closedUrl = await closedPortUrl();
});

afterAll(() => new Promise((resolve) => htmlServer.close(resolve)));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** No stack frames, no Node internals: what a person reads. */
function expectReadable(run: CliRun, maxLines = 2): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain("node:internal");
  expect(run.stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(maxLines);
  expect(run.stderr).toMatch(/^or-admin: /);
}

describe("--version", () => {
  it.each([["--version"], ["-v"]])("%s prints the package version and exits 0", async (flag) => {
    const run = await runCli([flag]);
    expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});

describe("the state file", () => {
  it("a missing file: one line naming the path, exit 1", async () => {
    const missing = join(dir, "missing.yaml");
    const run = await runCli(["plan", "-f", missing], { env: key });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`or-admin: cannot read ${missing}: no such file\n`);
  });

  it("a directory instead of a file: one line naming the path, exit 1", async () => {
    const folder = join(dir, "a-folder.yaml");
    mkdirSync(folder, { recursive: true });
    const run = await runCli(["plan", "-f", folder], { env: key });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`or-admin: cannot read ${folder}: it is a directory, not a file\n`);
  });

  it("an empty file is refused, naming the version field, exit 1", async () => {
    const empty = file("empty.yaml", "# nothing here yet\n");
    const run = await runCli(["plan", "-f", empty], { env: key });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${empty}:1:1: the file is empty`);
    expect(run.stderr).toContain('"version: 1"');
    expect(run.stdout).toBe("");
  });

  it("a file without the version field is refused, exit 1", async () => {
    for (const text of ["{}\n", "keys: []\n"]) {
      const path = file("no-version.yaml", text);
      const run = await runCli(["plan", "-f", path], { env: key });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${path}:1:1: missing the format's version field`);
      expect(run.stdout).toBe("");
    }
  });

  it("bad YAML: the position and the problem, no stack, exit 1", async () => {
    const bad = file("bad.yaml", "version: 1\nkeys: [\n");
    const run = await runCli(["plan", "-f", bad], { env: key });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${bad}:3:1: syntax error:`);
    expectReadable(run);
  });
});

describe("the key and the command line", () => {
  it("no key: one line saying where the key is read from, no usage, exit 1", async () => {
    const state = file("ok.yaml", "version: 1\n");
    const run = await runCli(["plan", "-f", state], { env: { OPENROUTER_BASE_URL: htmlUrl } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "or-admin: no management key set: or-admin reads it from OPENROUTER_MANAGEMENT_KEY, else OPENROUTER_API_KEY\n",
    );
  });

  it("an unknown command or flag: the problem and the usage, no stack, exit 1", async () => {
    for (const args of [["destroy"], ["plan", "--frobnicate"]]) {
      const run = await runCli(args, { env: key });
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr).toContain("Usage: or-admin");
    }
  });
});

describe("other files", () => {
  it("--secrets-out a directory: one line, no usage, exit 1", async () => {
    const state = file("ok.yaml", "version: 1\n");
    const run = await runCli(["apply", "-f", state, "--yes", "--secrets-out", dir], { env: key });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `or-admin: --secrets-out ${dir} cannot be used: it is a folder. Nothing was changed.\n`,
    );
  });
});

describe("the network", () => {
  it("a refused connection: one line saying so, exit 1", async () => {
    const state = file("ok.yaml", "version: 1\n");
    const run = await runCli(["plan", "-f", state, "--base-url", closedUrl], { env: key });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused/i);
    expectReadable(run);
  });

  it("an answer that is not JSON: one or two lines, exit 1", async () => {
    const run = await runCli(["keys", "list", "--base-url", htmlUrl], { env: key });
    expect(run.code).toBe(1);
    expectReadable(run);
    expect(run.stderr).not.toContain(MANAGEMENT_KEY);
  });

  it("OR_ADMIN_DEBUG=1 adds the stack trace", async () => {
    const state = file("ok.yaml", "version: 1\n");
    const run = await runCli(["plan", "-f", state, "--base-url", closedUrl], {
      env: { ...key, OR_ADMIN_DEBUG: "1" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});

describe("an empty but valid state", () => {
  it("version: 1 alone is a deliberate empty state: it is read, the request goes out", async () => {
    const state = file("only-version.yaml", "version: 1\n");
    const run = await runCli(["plan", "-f", state, "--base-url", closedUrl], { env: key });
    // It got past reading the file: the failure is the network's, not the file's.
    expect(run.stderr).not.toContain("version");
    expect(run.stderr).toMatch(/refused/i);
  });
});
