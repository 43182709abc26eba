import { CliError } from "./cli-error";

/** A key may hold only visible ASCII: anything else cannot go in a header, and would be echoed. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Checks the key from the environment before any use. The message names the variable and the
 * position of the bad character, never a character of the key.
 */
export function checkKey(variable: string, key: string): string {
  if (VISIBLE_ASCII.test(key)) return key;
  const at = [...key].findIndex((c) => !/^[\x21-\x7e]$/.test(c));
  throw new CliError(
    `${variable} holds a space, control or non-ASCII character (character ${at + 1} of ${key.length}); ` +
      "a key is visible ASCII only. Nothing was sent.",
  );
}

/**
 * Removes key material from text about to be printed: the keys themselves and each of their
 * pieces between unusual characters (a key cut at a newline leaks its tail otherwise).
 */
export function scrubKeys(text: string, keys: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const key of keys) {
    if (!key) continue;
    const pieces = [key, ...key.split(/[^\x21-\x7e]+/)].filter((p) => p.length >= 6);
    pieces.sort((a, b) => b.length - a.length);
    for (const piece of pieces) out = out.split(piece).join("<redacted>");
  }
  return out;
}
