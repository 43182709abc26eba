// Entry for the browser page: exposes the client on `window.__matrix` for the driver to call.
import { runClient } from "../client";
import { deltasBeforeStall } from "../incremental";

const matrix = { runClient, deltasBeforeStall };

declare global {
  interface Window {
    __matrix?: typeof matrix;
  }
}

window.__matrix = matrix;
