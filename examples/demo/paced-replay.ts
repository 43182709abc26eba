// The replay server of the demo, with its chat recording paced. The recorded fixtures keep no
// timing, so a replayed stream would arrive in one read and look nothing like streaming; a
// `delayMs` on each SSE item (a fixture feature of @or/testing) makes the server send the chunks
// apart, and the client really reads them one by one.
import {
  fixtureKey,
  loadFixtures,
  startReplayServer,
  type Fixture,
  type ReplayServer,
} from "@or/testing";

/** `op/name` of the demo's chat recording. */
export const chatFixtureKey = (name: string) => `sendChatCompletionRequest/${name}`;

/** The shipped fixtures, with each SSE item of the fixture `key` sent `paceMs` after the last. */
export function pacedFixtures(key: string, paceMs: number): Fixture[] {
  return loadFixtures().map((fixture) =>
    fixtureKey(fixture) === key && fixture.response.sse && paceMs > 0
      ? {
          ...fixture,
          response: {
            ...fixture.response,
            sse: fixture.response.sse.map((item) => ({ ...item, delayMs: paceMs })),
          },
        }
      : fixture,
  );
}

/** A replay server on 127.0.0.1 serving the shipped fixtures, `key` paced; never records. */
export function startPacedReplay(key: string, paceMs: number): Promise<ReplayServer> {
  return startReplayServer({ fixtures: pacedFixtures(key, paceMs), record: false });
}
