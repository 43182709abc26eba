import { writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface WorkerSpec {
  /** Service name; the config's tests run in every service that exports `test()`. */
  name: string;
  /** A bundled ES module; it is embedded, so it must sit beside the config file. */
  module: string;
  /** Text bindings taken from environment variables: binding name → variable name. */
  fromEnvironment?: Record<string, string>;
  /** Plain text bindings. */
  text?: Record<string, string>;
  /** Service bindings: binding name → service name. */
  services?: Record<string, string>;
}

/**
 * Writes a workerd config for `workerd test` beside the modules. Outbound fetches go through a
 * `network` service that allows local addresses: workerd's default (`internet`) refuses loopback,
 * and the JS side then only sees "internal error".
 */
export function writeWorkerdConfig(file: string, workers: WorkerSpec[]): string {
  for (const worker of workers) {
    if (dirname(worker.module) !== dirname(file))
      throw new Error(`${worker.module} must sit beside ${file}`);
  }
  const services = workers.map((w) => `    (name = "${w.name}", worker = .${identifier(w.name)}),`);
  const definitions = workers.map((w) => {
    const bindings = [
      ...Object.entries(w.fromEnvironment ?? {}).map(
        ([name, env]) => `(name = "${name}", fromEnvironment = "${env}")`,
      ),
      ...Object.entries(w.text ?? {}).map(
        ([name, text]) => `(name = "${name}", text = ${JSON.stringify(text)})`,
      ),
      ...Object.entries(w.services ?? {}).map(
        ([name, service]) => `(name = "${name}", service = "${service}")`,
      ),
    ];
    return [
      `const ${identifier(w.name)} :Workerd.Worker = (`,
      `  modules = [ (name = "${basename(w.module)}", esModule = embed "${basename(w.module)}") ],`,
      `  compatibilityDate = "2025-01-01",`,
      `  bindings = [ ${bindings.join(", ")} ],`,
      `  globalOutbound = "loopback",`,
      `);`,
    ].join("\n");
  });
  const text = [
    `using Workerd = import "/workerd/workerd.capnp";`,
    `const config :Workerd.Config = (`,
    `  services = [`,
    ...services,
    `    (name = "loopback", network = (allow = ["public", "local"])),`,
    `  ],`,
    `);`,
    ...definitions,
    "",
  ].join("\n");
  writeFileSync(file, text);
  return file;
}

const identifier = (name: string) => `worker${name.replace(/[^A-Za-z0-9]/g, "")}`;

export const configPathBeside = (module: string, name: string) =>
  join(dirname(module), `${name}.capnp`);
