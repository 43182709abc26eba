interface RuntimeGlobals {
  Deno?: { version: { deno: string } };
  Bun?: { version: string };
  process?: { versions?: { node?: string } };
  navigator?: { userAgent?: string };
}

/**
 * The engine the code really runs in, as it reports itself (`deno 2.9.6`, `bun 1.4.5`,
 * `node 20.20.2`, or the user agent of workerd and browsers). Bun and Deno also define
 * `process`, so they are asked first.
 */
export function engineName(): string {
  const g = globalThis as RuntimeGlobals;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  return g.navigator?.userAgent ?? "unknown";
}
