import { fileURLToPath } from "node:url";
import { fixtureKey, loadFixtures, type Fixture } from "@or/testing";
import type { AgentSummary } from "../agent-loop";

/** The matrix's own fixtures: the two steps of the agent's tool loop. */
export const MATRIX_FIXTURES_DIR = fileURLToPath(new URL("../../fixtures", import.meta.url));

interface ChunkData {
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { function?: { arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { total_tokens: number };
}

/** The chunks of a step's answer. */
function chunksOf(fixture: Fixture): ChunkData[] {
  return (fixture.response.sse ?? []).flatMap((item) =>
    "data" in item && typeof item.data === "object" && item.data !== null
      ? [item.data as ChunkData]
      : [],
  );
}

/**
 * What the agent's tool loop must report, read from its two fixtures: the call's arguments
 * (fragments joined), the answer's text deltas, each step's generation id and finish reason,
 * and the summed tokens.
 */
export function expectedAgentSummary(
  fixtures: readonly Fixture[] = loadFixtures(MATRIX_FIXTURES_DIR),
): AgentSummary {
  const [call, answer] = ["agent-matrix-1", "agent-matrix-2"].map((name) => {
    const fixture = fixtures.find((f) => fixtureKey(f) === `sendChatCompletionRequest/${name}`);
    if (!fixture) throw new Error(`The runtime matrix has no fixture ${name}.`);
    return fixture;
  }) as [Fixture, Fixture];
  const args = chunksOf(call)
    .flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? [])
    .map((t) => t.function?.arguments ?? "")
    .join("");
  const deltas = chunksOf(answer)
    .map((c) => c.choices?.[0]?.delta?.content ?? "")
    .filter((text) => text !== "");
  const step = (fixture: Fixture) => ({
    generationId: fixture.response.headers?.["x-generation-id"] ?? null,
    finishReason:
      chunksOf(fixture)
        .map((c) => c.choices?.[0]?.finish_reason)
        .filter((r) => r != null)
        .at(-1) ?? null,
  });
  const tokens = [call, answer]
    .map((f) => chunksOf(f).find((c) => c.usage)?.usage?.total_tokens ?? 0)
    .reduce((a, b) => a + b, 0);
  return {
    events: ["toolCall", "toolResult", "stepFinish", ...deltas.map(() => "text"), "stepFinish"],
    toolArgs: [JSON.parse(args)],
    text: deltas.join(""),
    steps: [step(call), step(answer)],
    totalTokens: tokens,
    roles: ["user", "assistant", "tool", "assistant"],
  };
}
