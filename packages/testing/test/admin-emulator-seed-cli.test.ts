// `or-replay --admin-emulator --seed <file>`: the built binary starts with the seed's members
// (JSON or YAML), and a bad seed is a readable message and exit 1, before anything listens.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runNode, startCli } from "./cli-process";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bin = join(packageDir, "bin/or-replay.js");
const built = join(packageDir, "dist/cli/or-replay.js");
const KEY = `sk-or-v1-${"0".repeat(64)}`;
let dir: string;

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(...readdirSync(path).map((name) => newest(join(path, name))));
}

beforeAll(() => {
  // Built when dist/ is missing or older than src/, by the package's own build (which also
  // writes the spec into dist/: a bare tsup would wipe it).
  const stale = (() => {
    try {
      return statSync(built).mtimeMs < newest(join(packageDir, "src"));
    } catch {
      return true;
    }
  })();
  if (stale) execFileSync("pnpm", ["build"], { cwd: packageDir, stdio: "ignore" });
  dir = mkdtempSync(join(tmpdir(), "or-replay-seed-"));
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const emulatorEnv = { OPENROUTER_MANAGEMENT_KEY: "", OR_SPEC_PATH: "" };

async function membersOf(seed: string): Promise<Array<Record<string, unknown>>> {
  const cli = await startCli(bin, ["--admin-emulator", "--management-key", KEY, "--seed", seed], {
    cwd: packageDir,
    env: emulatorEnv,
  });
  try {
    const answer = await fetch(`${cli.url}/organization/members`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { data: Array<Record<string, unknown>> }).data;
  } finally {
    cli.child.kill("SIGTERM");
    await cli.exit;
  }
}

describe("or-replay --admin-emulator --seed", () => {
  it("a YAML seed: its members replace the built-in ones, defaults filled in", async () => {
    const seed = file(
      "seed.yaml",
      "members:\n  - id: user_a\n    email: a@example.test\n    role: org:admin\n  - id: user_b\n",
    );
    const members = await membersOf(seed);
    expect(members).toEqual([
      {
        id: "user_a",
        first_name: null,
        last_name: null,
        email: "a@example.test",
        role: "org:admin",
      },
      {
        id: "user_b",
        first_name: null,
        last_name: null,
        email: "user_b@example.test",
        role: "org:member",
      },
    ]);
  });

  it("a JSON seed reads the same", async () => {
    const seed = file(
      "seed.json",
      JSON.stringify({ members: [{ id: "user_j", first_name: "J" }] }),
    );
    const members = await membersOf(seed);
    expect(members.map((m) => [m.id, m.first_name])).toEqual([["user_j", "J"]]);
  });

  it("--help lists --seed", async () => {
    const help = await runNode([bin, "--help"], { cwd: packageDir });
    expect(help.stdout).toMatch(/^ {2}--seed <file> +JSON or YAML/m);
  });

  const bad: Array<[string, string | null, string]> = [
    ["a missing file", null, "cannot read seed file"],
    ["not YAML", "members: [\n", "is not YAML or JSON"],
    ["an unknown field", "memebrs: []\n", 'the seed: unknown field "memebrs"'],
    [
      "a member without an id",
      "members:\n  - email: x@example.test\n",
      'members[0]: missing required field "id"',
    ],
    [
      "a wrong role",
      "members:\n  - id: u\n    role: owner\n",
      'members[0].role must be one of "org:admin", "org:member"',
    ],
    ["an id twice", "members:\n  - id: u\n  - id: u\n", 'members: the id "u" is listed twice'],
    [
      "credits of the wrong type",
      "credits: { total_credits: ten, total_usage: 0 }\n",
      "credits.total_credits must be number",
    ],
  ];
  it.each(bad)(
    "%s: exit 1, the file and the problem, no stack, nothing served",
    async (_, text, expected) => {
      const seed = text === null ? join(dir, "nope.yaml") : file("bad.yaml", text);
      const run = await runNode([bin, "--admin-emulator", "--seed", seed], {
        cwd: packageDir,
        env: emulatorEnv,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(seed);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    },
  );

  it("a directory instead of a seed file: exit 1, one line", async () => {
    const folder = join(dir, "a-folder");
    mkdirSync(folder, { recursive: true });
    const run = await runNode([bin, "--admin-emulator", "--seed", folder], {
      cwd: packageDir,
      env: emulatorEnv,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`or-replay: cannot read seed file ${folder}: it is a directory\n`);
  });

  it("--seed outside the admin emulator is refused (exit 2)", async () => {
    const seed = file("unused.yaml", "members: []\n");
    const run = await runNode([bin, "--seed", seed], { cwd: packageDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--seed cannot be used in replay mode");
  });
});
