/** An error's message for use inside a sentence: no trailing period. */
export const reasonOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
