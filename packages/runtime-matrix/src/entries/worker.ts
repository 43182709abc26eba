// Entry for workerd: `workerd test` calls `test()`, which runs the client against the API base
// bound as `API_BASE` and logs the summary as one line `RUN_SUMMARY {...}`; a throw fails the test.
import { runClient } from "../client";

interface Env {
  API_BASE: string;
}

export default {
  async test(_controller: unknown, env: Env): Promise<void> {
    const summary = await runClient(env.API_BASE, "workerd");
    console.log(`RUN_SUMMARY ${JSON.stringify(summary)}`);
  },
};
