import { fixtureKey, loadFixtures, type Fixture } from "@or/testing";
import { CHAT_FIXTURE, MODELS_FIXTURE } from "../client";
import type { RunSummary } from "../summary";
import { expectedAgentSummary } from "./expected-agent";

/** What every runtime must report, read from the recorded fixtures the replay server answers with. */
export type ExpectedSummary = Omit<RunSummary, "runtime" | "engine">;

interface ChunkData {
  choices?: { delta?: { content?: string }; finish_reason?: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/**
 * The summary implied by the models and chat fixtures: model ids in order, the non-empty content
 * deltas, their concatenation, the last finish reason, the usage chunk and the generation header;
 * and the agent's tool loop, from the matrix's own fixtures.
 */
export function expectedSummary(fixtures: readonly Fixture[] = loadFixtures()): ExpectedSummary {
  const models = find(fixtures, MODELS_FIXTURE).response.body as { data: { id: string }[] };
  const chat = find(fixtures, CHAT_FIXTURE).response;
  const chunks = (chat.sse ?? []).flatMap((item) =>
    "data" in item && typeof item.data === "object" && item.data !== null
      ? [item.data as ChunkData]
      : [],
  );
  const deltas = chunks
    .map((c) => c.choices?.[0]?.delta?.content ?? "")
    .filter((text) => text !== "");
  const finishReason =
    chunks
      .map((c) => c.choices?.[0]?.finish_reason)
      .filter((r) => r != null)
      .at(-1) ?? null;
  const usage = chunks.find((c) => c.usage)?.usage;
  return {
    modelIds: models.data.map((m) => m.id),
    deltas,
    text: deltas.join(""),
    finishReason,
    usage: usage
      ? {
          prompt: usage.prompt_tokens,
          completion: usage.completion_tokens,
          total: usage.total_tokens,
        }
      : null,
    generationId: chat.headers?.["x-generation-id"] ?? null,
    agent: expectedAgentSummary(),
  };
}

function find(fixtures: readonly Fixture[], key: string): Fixture {
  const fixture = fixtures.find((f) => fixtureKey(f) === key);
  if (!fixture)
    throw new Error(`@or/testing has no fixture ${key}: the runtime matrix compares against it.`);
  return fixture;
}
