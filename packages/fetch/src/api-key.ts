/** Anything a header value cannot hold: C0 controls (newlines, tabs…), DEL, C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A key as given, or a `TypeError` that shows none of it. A key with a newline or another
 * control character (pasted with the line end, a corrupt file) can never be sent: the runtime
 * would reject the header and quote the value in its error.
 */
export function checkedKey<K extends string | undefined>(key: K, from: string): K {
  if (key !== undefined && (typeof key !== "string" || CONTROL.test(key))) {
    throw new TypeError(
      typeof key !== "string"
        ? `${from} must be a string, not ${typeof key}.`
        : `${from} contains a control character (a newline, a tab…): check where the key comes from. It is not shown here.`,
    );
  }
  return key;
}
