// `pnpm demo`'s command line, run as a user runs it: a child process (tsx demo.ts), its exit code,
// stdout and stderr. The servers are real ones on 127.0.0.1, one per test.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { fixtureKey, loadFixtures, startReplayServer } from "@or/testing";
import { chatFixtureKey, pacedFixtures } from "../demo/paced-replay";

const EXAMPLES = fileURLToPath(new URL("..", import.meta.url));
const TSX = `${EXAMPLES}node_modules/.bin/tsx`;
const KEY = `sk-or-v1-${"d".repeat(64)}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the demo with these flags and environment (OpenRouter's variables unset unless given). */
function demo(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.OPENROUTER_API_KEY;
  delete base.OPENROUTER_BASE_URL;
  delete base.OR_RECORD;
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["demo.ts", ...args],
      { cwd: EXAMPLES, env: { ...base, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The text of the recorded chat stream, as the demo prints it. */
function recordedText(): string {
  const fixture = loadFixtures().find((f) => fixtureKey(f) === chatFixtureKey("stream-text"))!;
  return fixture.response
    .sse!.flatMap((item) => ("data" in item && typeof item.data === "object" ? [item.data] : []))
    .map((chunk) => (chunk as any).choices?.[0]?.delta?.content ?? "")
    .join("");
}

test("--help prints the usage and exits 0", async () => {
  const run = await demo(["--help"]);
  expect(run).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout).toMatch(/^Usage: pnpm demo \[options\]\n/);
  for (const flag of ["--model", "--prompt", "--base-url", "--fixture", "--pace", "--help"])
    expect(run.stdout).toContain(flag);
  expect(run.stdout).toContain("OPENROUTER_BASE_URL");
});

test("an unknown flag is a one-line usage error, exit 2, no stack trace", async () => {
  const run = await demo(["--base-uri", "http://127.0.0.1:1/api/v1"]);
  expect(run).toEqual({
    code: 2,
    stdout: "",
    stderr: "demo: Unknown option '--base-uri'. See: pnpm demo --help\n",
  });
});

test("a bad value is a one-line usage error naming the flag", async () => {
  expect(await demo(["--base-url", "127.0.0.1:8080"])).toMatchObject({
    code: 2,
    stderr: `demo: --base-url must be an http(s) URL, got "127.0.0.1:8080". See: pnpm demo --help\n`,
  });
  expect(await demo(["--pace", "-5"])).toMatchObject({ code: 2, stdout: "" });
});

test("--base-url with a key set talks to that server, with that key", async () => {
  const server = await startReplayServer({ record: false });
  try {
    const run = await demo(["--base-url", server.url, "--prompt", "Hello"], {
      OPENROUTER_API_KEY: KEY,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Talking to ${server.url}.\n`);
    expect(run.stdout).toContain(`${recordedText()}\n\nmodel          openai/gpt-4o`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      path: "/chat/completions",
      headers: { authorization: `Bearer ${KEY}` },
      body: { messages: [{ role: "user", content: "Hello" }] },
    });
    expect(run.stdout).not.toContain("not used here");
    // Without --fixture it does not ask a server for a recording by name.
    expect(server.requests[0]!.headers).not.toHaveProperty("x-or-fixture");
  } finally {
    await server.close();
  }
});

test("OPENROUTER_BASE_URL is the default of --base-url; --fixture asks for a recording", async () => {
  const server = await startReplayServer({ record: false });
  try {
    const run = await demo(["--fixture", "stream-text", "--pace", "5"], {
      OPENROUTER_BASE_URL: server.url,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--pace: only for the demo's own replay server; not used here.\n");
    expect(run.stdout).toContain(`Talking to ${server.url} with a placeholder key`);
    expect(server.requests.map((r) => r.headers["x-or-fixture"])).toEqual([
      chatFixtureKey("stream-text"),
    ]);
  } finally {
    await server.close();
  }
});

test("replay mode says it is paced and that --prompt and --model do not change the answer", async () => {
  const run = await demo(["--prompt", "Something else", "--model", "x/y", "--pace", "1"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    `plays the\nrecording ${chatFixtureKey("stream-text")}, paced 1 ms a chunk (the recording keeps no timing).\n`,
  );
  expect(run.stdout).toContain(
    "--model and --prompt are sent, but the answer is the recording; set OPENROUTER_API_KEY",
  );
  expect(run.stdout).toContain(recordedText());
});

test("the paced recording sends every item of the chosen stream apart, and leaves the others", () => {
  const key = chatFixtureKey("stream-text");
  const paced = pacedFixtures(key, 50);
  const original = loadFixtures();
  expect(paced.map(fixtureKey)).toEqual(original.map(fixtureKey));
  const items = paced.find((f) => fixtureKey(f) === key)!.response.sse!;
  expect(items.length).toBeGreaterThan(2);
  expect(items.map((item) => item.delayMs)).toEqual(items.map(() => 50));
  paced.forEach((fixture, i) => {
    if (fixtureKey(fixture) !== key) expect(fixture).toEqual(original[i]);
  });
  expect(pacedFixtures(key, 0)).toEqual(original);
});
