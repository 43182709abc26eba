// The examples that run on Node, run: the Node scripts against the replay server, and the admin
// state applied with the real `or-admin` CLI to the admin emulator of @or/testing. (The page and
// the Worker run in Chromium and workerd: packages/runtime-matrix.)
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { loadStateFile } from "@or/admin";
import { fixtureKey, loadFixtures, startAdminEmulator, type AdminSeed } from "@or/testing";

const run = promisify(execFile);
const EXAMPLES = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => `${EXAMPLES}node_modules/.bin/${name}`;

interface Chunk {
  choices?: { delta?: { content?: string } }[];
  usage?: { total_tokens: number };
}

/** The environment of a user without an OpenRouter key (the examples then replay fixtures). */
function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

test("node/chat.ts lists the models and prints the streamed answer", async () => {
  const fixtures = loadFixtures();
  const models = fixtures.find((f) => fixtureKey(f) === "getModels/list-models")!.response.body as {
    data: { id: string }[];
  };
  const chat = fixtures.find((f) => fixtureKey(f) === "sendChatCompletionRequest/stream-text")!
    .response.sse!;
  const chunks = chat.flatMap((item) =>
    "data" in item && typeof item.data === "object" ? [item.data as Chunk] : [],
  );
  const text = chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? "").join("");
  const tokens = chunks.find((chunk) => chunk.usage)?.usage?.total_tokens;

  const { stdout } = await run(bin("tsx"), ["node/chat.ts"], {
    cwd: EXAMPLES,
    env: envWithout("OPENROUTER_API_KEY"),
  });

  expect(stdout).toContain(`${models.data.length} models, e.g.:`);
  for (const model of models.data.slice(0, 3)) expect(stdout).toContain(`  ${model.id}  (context `);
  expect(stdout).toContain(`${text}\n\nfinish: stop, tokens: ${tokens}`);
});

test("node/image.ts reports each preview and writes the final image", async () => {
  const events = loadFixtures()
    .find((f) => fixtureKey(f) === "createImages/stream-text")!
    .response.sse!.flatMap((item) =>
      "data" in item && typeof item.data === "object" ? [item.data as Record<string, any>] : [],
    );
  const completed = events.find((e) => e.type === "image_generation.completed")!;
  const previews = events.filter((e) => e.type === "image_generation.partial_image").length;
  const out = join(await mkdtemp(join(tmpdir(), "or-image-")), "out.png");

  const { stdout } = await run(bin("tsx"), ["node/image.ts", out], {
    cwd: EXAMPLES,
    env: envWithout("OPENROUTER_API_KEY"),
  });

  expect(previews).toBeGreaterThan(0);
  for (let n = 1; n <= previews; n++) expect(stdout).toContain(`preview ${n} arrived`);
  expect(stdout).toContain(`image/png written to ${out}`);
  expect(stdout).toContain(
    `tokens: ${completed.usage.total_tokens}, cost: $${completed.usage.cost}`,
  );
  expect((await readFile(out)).toString("base64")).toBe(completed.b64_json);
});

test("admin/state.yaml: or-admin applies it, then plans no changes", async () => {
  const state = await loadStateFile(`${EXAMPLES}admin/state.yaml`);
  // The emulator's organization has the members the state names.
  const ids = new Set(
    [...(state.workspaces ?? []), ...(state.guardrails ?? [])].flatMap((r) => r.members ?? []),
  );
  const members: NonNullable<AdminSeed["members"]> = [...ids].map((id, i) => ({
    id,
    first_name: "Member",
    last_name: String(i + 1),
    email: `member${i + 1}@example.test`,
    role: "org:member",
  }));
  const emulator = await startAdminEmulator({ seed: { members } });
  const orAdmin = (...args: string[]) =>
    run(bin("or-admin"), [...args, "-f", "admin/state.yaml", "--base-url", emulator.url], {
      cwd: EXAMPLES,
      env: {
        ...envWithout("OPENROUTER_API_KEY"),
        OPENROUTER_MANAGEMENT_KEY: `sk-or-v1-${"0".repeat(64)}`,
      },
    });
  try {
    const apply = await orAdmin("apply", "--yes", "--json");
    const applied = JSON.parse(apply.stdout) as {
      applied: number;
      createdKeys: { name: string }[];
    };
    expect(applied.createdKeys.map((k) => k.name).sort()).toEqual(
      state.keys!.map((k) => k.name).sort(),
    );
    expect(applied.applied).toBeGreaterThan(state.keys!.length);

    const plan = await orAdmin("plan", "--json");
    expect(JSON.parse(plan.stdout)).toMatchObject({ steps: [] });
    expect([...emulator.state.workspaces.values()].map((w) => w.slug)).toEqual(
      expect.arrayContaining(state.workspaces!.map((w) => w.slug)),
    );
  } finally {
    await emulator.close();
  }
});

test("agent/weather.ts runs a tool loop, then streams a structured forecast", async () => {
  const { stdout } = await run(bin("tsx"), ["agent/weather.ts"], {
    cwd: EXAMPLES,
    env: envWithout("OPENROUTER_API_KEY"),
  });
  // Each call once, in the model's order, with the example's own weather table behind it.
  expect(stdout).toContain(
    [
      '→ get_weather({"city": "Lisbon"})',
      '→ get_weather({"city": "Oslo"})',
      '← {"celsius":21,"sky":"sunny"}',
      '← {"celsius":4,"sky":"light rain"}',
      "Lisbon is warmer: 21 °C and sunny, while Oslo is 4 °C with light rain.",
    ].join("\n"),
  );
  expect(stdout).toContain("steps: tool_calls (gen-example-agent-1), stop (gen-example-agent-2)");
  expect(stdout).toContain("tokens: 341, cost: $0.0000759");
  const partials = stdout
    .split("\n")
    .filter((line) => line.startsWith("partial: "))
    .map((line) => JSON.parse(line.slice("partial: ".length)) as Record<string, unknown>);
  expect(partials.length).toBeGreaterThan(3);
  expect(partials.at(-1)).toEqual({
    city: "Lisbon",
    celsius: 21,
    sky: "sunny",
    advice: "Leave the umbrella at home.",
  });
  expect(stdout).toContain("forecast: 21 °C in Lisbon. Leave the umbrella at home.");
});
