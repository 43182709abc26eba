import { chmod, open } from "node:fs/promises";

export interface SecretEntry {
  name: string;
  hash: string;
  key: string;
}

/**
 * Writes secrets as JSON readable by the owner only (0600), also when the file existed with
 * wider permissions: it is narrowed before anything is written.
 */
export async function writeSecretsFile(path: string, keys: SecretEntry[]): Promise<void> {
  const file = await open(path, "w", 0o600);
  try {
    await chmod(path, 0o600);
    await file.writeFile(`${JSON.stringify({ keys }, null, 2)}\n`);
  } finally {
    await file.close();
  }
}
