// The contributors' workflows: CI (the README's test command on Node 20, 22 and 24, with the pnpm
// store and turbo caches) and the release (changesets' version pull request, publish with npm
// provenance). Valid for GitHub's own parser, and wired to commands this repository has.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { workflowErrors } from "./support/workflow-parser";

const ROOT = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");
const SETUP = "./.github/actions/setup";

type Step = Record<string, any>;
const ci = parse(read(".github/workflows/ci.yml")) as Record<string, any>;
const release = parse(read(".github/workflows/release.yml")) as Record<string, any>;
const setup = parse(read(".github/actions/setup/action.yml")) as Record<string, any>;
const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
const setupSteps = setup.runs.steps as Step[];
const usesOf = (steps: Step[], action: string) =>
  steps.filter((s) => typeof s.uses === "string" && s.uses.split("@")[0] === action);

describe.each(["ci.yml", "release.yml"])(".github/workflows/%s", (file) => {
  test("GitHub's workflow parser accepts it, and rejects a broken copy", async () => {
    const text = read(`.github/workflows/${file}`);
    expect(await workflowErrors(text, file)).toEqual([]);
    const broken = text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest");
    expect((await workflowErrors(broken, file)).join("\n")).toContain(
      "Required property is missing: runs-on",
    );
  });
});

describe(".github/workflows/ci.yml", () => {
  const job = ci.jobs.test;
  const steps = job.steps as Step[];

  test("runs on pushes to main and on pull requests, reading only", () => {
    expect(ci.on).toEqual({ push: { branches: ["main"] }, pull_request: null });
    expect(ci.permissions).toEqual({ contents: "read" });
  });

  test("runs the README's test command on Node 20, 22 and 24, after the setup", () => {
    expect(job.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(job.strategy["fail-fast"]).toBe(false);
    expect(read("README.md")).toContain("\npnpm test\n");
    expect(scripts.test).toMatch(/^turbo run /);
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps[1]).toEqual({ uses: SETUP, with: { "node-version": "${{ matrix.node }}" } });
    expect(steps.at(-2)).toEqual({ name: "Test", run: "pnpm test" });
  });

  test("builds the API reference and checks its links once per run", () => {
    expect(steps.at(-1)).toEqual({
      name: "API reference",
      if: "matrix.node == 20",
      run: "pnpm docs:check",
    });
    expect(scripts["docs:check"]).toBe("typedoc && tsx scripts/src/docs-links.ts .docs");
  });

  test("gives turbo the cache directory that the setup caches", () => {
    const [turbo] = usesOf(setupSteps, "actions/cache").filter((s) => s.name === "Cache turbo");
    expect(job.env.TURBO_CACHE_DIR).toBe(turbo!.with.path);
    expect(turbo!.with.key).toContain("${{ github.sha }}");
  });
});

describe(".github/actions/setup (used by both workflows)", () => {
  test("is the composite action both workflows use, on the Node version they ask for", () => {
    expect(existsSync(new URL(".github/actions/setup/action.yml", ROOT))).toBe(true);
    expect(setup.runs.using).toBe("composite");
    expect(usesOf(release.jobs.release.steps, SETUP)).toHaveLength(1);
    const node = usesOf(setupSteps, "actions/setup-node")[0]!;
    expect(node.with["node-version"]).toBe("${{ inputs.node-version }}");
    expect(setup.inputs["node-version"].required).toBe(true);
  });

  test("caches the pnpm store by the lockfile, then installs frozen", () => {
    const store = setupSteps.find((s) => s.name === "Cache the pnpm store")!;
    expect(store.uses).toMatch(/^actions\/cache@v\d+$/);
    expect(store.with.path).toBe("${{ steps.pnpm-store.outputs.path }}");
    expect(store.with.key).toContain("hashFiles('pnpm-lock.yaml')");
    const install = setupSteps.findIndex((s) => s.run === "pnpm install --frozen-lockfile");
    expect(install).toBeGreaterThan(setupSteps.indexOf(store));
  });

  test("takes the locked spec with spec:fetch, from the cache the spec-update workflow keeps", () => {
    const key = "openrouter-spec-${{ hashFiles('openapi/openrouter.lock.json') }}";
    const specUpdate = parse(read(".github/workflows/spec-update.yml")) as Record<string, any>;
    const saved = usesOf(specUpdate.jobs.update.steps, "actions/cache/save")[0]!;
    expect(saved.with).toEqual({ path: "openapi/.cache", key });
    expect(setupSteps.find((s) => s.name === "Restore the locked spec")!.with).toEqual(saved.with);
    const take = setupSteps.find((s) => s.name === "Take the locked spec")!;
    expect(scripts["spec:fetch"]).toBe("or-spec fetch");
    expect(take.run).toContain("pnpm spec:fetch");
    // The cached copy is offered as a local snapshot (scripts/src/paths.ts reads OR_SPEC_PATH).
    expect(take.run).toContain('OR_SPEC_PATH="$PWD/openapi/.cache/openrouter.json"');
    expect(read("scripts/src/paths.ts")).toContain("process.env.OR_SPEC_PATH");
  });

  test("pins every action to a major version", () => {
    const all = [...setupSteps, ...ci.jobs.test.steps, ...release.jobs.release.steps] as Step[];
    const external = all.flatMap((s) => (s.uses && !s.uses.startsWith("./") ? [s.uses] : []));
    expect(external.length).toBeGreaterThan(5);
    for (const uses of external) expect(uses).toMatch(/^[\w-]+\/[\w/-]+@v\d+$/);
  });
});

describe(".github/workflows/release.yml", () => {
  const steps = release.jobs.release.steps as Step[];
  const changesets = usesOf(steps, "changesets/action")[0]!;

  test("runs on main, may push the version branch, open its pull request and sign provenance", () => {
    expect(release.on).toEqual({ push: { branches: ["main"] } });
    expect(release.permissions).toEqual({
      contents: "write",
      "pull-requests": "write",
      "id-token": "write",
    });
    expect(release.concurrency["cancel-in-progress"]).toBe(false);
  });

  test("opens the version pull request and publishes with the repository's scripts", () => {
    expect(changesets.uses).toMatch(/^changesets\/action@v\d+$/);
    expect(changesets.with.version).toBe("pnpm version-packages");
    expect(changesets.with.publish).toBe("pnpm release");
    expect(scripts["version-packages"]).toBe("changeset version");
    expect(scripts.release).toMatch(/&& changeset publish$/);
  });

  test("publishes with npm provenance and the npm token, after the tests passed", () => {
    expect(changesets.env).toMatchObject({
      NPM_CONFIG_PROVENANCE: true,
      NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}",
      GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}",
    });
    const tests = steps.findIndex((s) => s.run === "pnpm test");
    expect(tests).toBeGreaterThan(0);
    expect(steps.indexOf(changesets)).toBeGreaterThan(tests);
    const node = usesOf(setupSteps, "actions/setup-node")[0]!;
    expect(node.with["registry-url"]).toBe("${{ inputs.registry-url }}");
    expect(usesOf(steps, SETUP)[0]!.with["registry-url"]).toBe("https://registry.npmjs.org");
  });
});
