import { cpus, loadavg, totalmem, type } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: type(),
    node: process.version,
  };
}

/** The 1-minute load average: above the core count, other work competed with the benchmark. */
export const load = (): number => Math.round(loadavg()[0]! * 100) / 100;
