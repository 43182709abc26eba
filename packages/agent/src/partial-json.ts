import { defineOwn } from "./define-own";

/** A value as it grows: objects and arrays with what has arrived, strings cut anywhere. */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? DeepPartial<Item>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

type Container = Record<string, unknown> | unknown[];

/** Where a container is in its own grammar. */
type Expect =
  | "value" // root, after `[`… (see `allowsEnd`), after `,` in an array, after `:`
  | "key" // after `{` (see `allowsEnd`) or `,` in an object
  | "colon"
  | "commaOrEnd"
  | "done"; // the root value is complete

interface Frame {
  /** Undefined for the root frame. */
  container: Container | undefined;
  expect: Expect;
  /** Right after `{` or `[`: the container may close at once. */
  allowsEnd: boolean;
  /** The key whose value is being read (objects). */
  key: string;
}

/** Deeper than this, partials stop (the final value still comes from `JSON.parse`). */
const MAX_DEPTH = 1000;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES = new Map([
  ['"', '"'],
  ["\\", "\\"],
  ["/", "/"],
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
]);
const STRING_STOP = /["\\]/g;
const DELIMITER = /[\s,\]}]/;

/**
 * Parses JSON text as it streams in, in one pass over the text (each delta is read once), and
 * hands out the value each time it grew. Strings show as they grow; numbers, `true`, `false`
 * and `null` only once complete (a cut `-1` of `-18.5` would shrink back). Each value keeps
 * everything of the one before, and is a fresh copy along the path that changed (finished
 * parts are shared). Keys such as `__proto__` are own properties, as `JSON.parse` makes them.
 * After a syntax error, a duplicate key or too deep a nesting, it hands out nothing more.
 */
export class GrowingJson {
  readonly #stack: Frame[] = [{ container: undefined, expect: "value", allowsEnd: false, key: "" }];
  #root: unknown;
  /** The string being read, if any: its decoded text so far, and whether it is a key. */
  #string: { text: string; isKey: boolean } | undefined;
  /** An escape being read inside the string: `\` then its letters so far. */
  #escape = "";
  /** A number or literal being read. */
  #atom = "";
  #changed = false;
  #failed = false;

  /** Adds text; returns the value when it grew, else `undefined`. */
  push(delta: string): { value: unknown } | undefined {
    if (this.#failed) return undefined;
    try {
      this.#read(delta);
    } catch {
      this.#failed = true;
      return undefined;
    }
    if (!this.#changed) return undefined;
    this.#changed = false;
    return { value: this.#snapshot() };
  }

  #read(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.#string) i = this.#readString(text, i);
      else if (this.#atom !== "" && !DELIMITER.test(text[i]!)) this.#atom += text[i++];
      else {
        if (this.#atom !== "") this.#endAtom();
        this.#readStructure(text[i++]!);
      }
    }
  }

  /** Reads string text from `i`; returns where it stopped. */
  #readString(text: string, i: number): number {
    const string = this.#string!;
    if (this.#escape !== "") return this.#readEscape(text[i]!, i);
    STRING_STOP.lastIndex = i;
    const stop = STRING_STOP.exec(text);
    const end = stop ? stop.index : text.length;
    if (end > i) this.#grow(text.slice(i, end));
    if (!stop) return end;
    if (stop[0] === "\\") {
      this.#escape = "\\";
      return end + 1;
    }
    this.#string = undefined;
    if (string.isKey) this.#top().key = string.text;
    this.#afterString(string);
    return end + 1;
  }

  #readEscape(char: string, i: number): number {
    this.#escape += char;
    const escape = this.#escape;
    if (escape[1] === "u") {
      if (!/^[0-9a-fA-F]?$/.test(char) && escape.length > 2)
        throw new SyntaxError("bad \\u escape");
      if (escape.length < 6) return i + 1;
      this.#grow(String.fromCharCode(Number.parseInt(escape.slice(2), 16)));
    } else {
      const decoded = ESCAPES.get(char);
      if (decoded === undefined) throw new SyntaxError("bad escape");
      this.#grow(decoded);
    }
    this.#escape = "";
    return i + 1;
  }

  #grow(text: string): void {
    const string = this.#string!;
    string.text += text;
    if (!string.isKey) this.#changed = true;
  }

  #afterString(string: { text: string; isKey: boolean }): void {
    const frame = this.#top();
    // A value string was shown as it grew: ending it changes nothing visible.
    if (string.isKey) frame.expect = "colon";
    else this.#add(string.text, false);
  }

  #readStructure(char: string): void {
    if (char === " " || char === "\n" || char === "\r" || char === "\t") return;
    const frame = this.#top();
    switch (frame.expect) {
      case "value":
        if (frame.allowsEnd && char === "]") return this.#close(frame);
        return this.#startValue(char);
      case "key":
        if (frame.allowsEnd && char === "}") return this.#close(frame);
        if (char !== '"') throw new SyntaxError("expected a key");
        this.#string = { text: "", isKey: true };
        return;
      case "colon":
        if (char !== ":") throw new SyntaxError("expected :");
        frame.expect = "value";
        return;
      case "commaOrEnd":
        if (char === ",") {
          frame.expect = Array.isArray(frame.container) ? "value" : "key";
          return;
        }
        if (char === (Array.isArray(frame.container) ? "]" : "}")) return this.#close(frame);
        throw new SyntaxError("expected , or the end");
      case "done":
        throw new SyntaxError("text after the value");
    }
  }

  #startValue(char: string): void {
    if (char === '"') {
      this.#string = { text: "", isKey: false };
      this.#changed = true; // the key shows, with ""
    } else if (char === "{" || char === "[") {
      const container: Container = char === "{" ? {} : [];
      this.#add(container, true);
      if (this.#stack.length > MAX_DEPTH) throw new RangeError("too deep");
      this.#stack.push({
        container,
        expect: char === "{" ? "key" : "value",
        allowsEnd: true,
        key: "",
      });
    } else {
      this.#atom = char;
    }
  }

  #endAtom(): void {
    const atom = this.#atom;
    this.#atom = "";
    if (atom === "true") this.#add(true, true);
    else if (atom === "false") this.#add(false, true);
    else if (atom === "null") this.#add(null, true);
    else if (NUMBER.test(atom)) this.#add(Number(atom), true);
    else throw new SyntaxError("bad literal");
  }

  /** Puts a complete value (or a new container) where the top frame expects it. */
  #add(value: unknown, shows: boolean): void {
    const frame = this.#top();
    const { container } = frame;
    if (container === undefined) this.#root = value;
    else if (Array.isArray(container)) container.push(value);
    else {
      // A repeated key would replace (shrink) what was shown: partials stop there.
      if (Object.hasOwn(container, frame.key)) throw new SyntaxError("duplicate key");
      defineOwn(container, frame.key, value);
    }
    frame.allowsEnd = false;
    frame.expect = container === undefined ? "done" : "commaOrEnd";
    if (shows) this.#changed = true;
  }

  #close(frame: Frame): void {
    frame.expect = "commaOrEnd";
    this.#stack.pop();
  }

  #top(): Frame {
    return this.#stack[this.#stack.length - 1]!;
  }

  /**
   * The value now: the containers being filled are copied (the string being read added to the
   * innermost), from the innermost out; complete parts are shared.
   */
  #snapshot(): unknown {
    const stack = this.#stack;
    let child: unknown;
    let hasChild = false;
    const string = this.#string;
    if (string && !string.isKey) {
      child = string.text;
      hasChild = true;
    }
    for (let depth = stack.length - 1; depth >= 1; depth--) {
      const frame = stack[depth]!;
      const container = frame.container!;
      let copy: Container;
      if (Array.isArray(container)) {
        copy = container.slice();
        // The child being read is the last element (a container) or the next (a string).
        if (hasChild)
          copy[
            depth === stack.length - 1 && string && !string.isKey ? copy.length : copy.length - 1
          ] = child;
      } else {
        copy = { ...container };
        if (hasChild) defineOwn(copy, frame.key, child);
      }
      child = copy;
      hasChild = true;
    }
    return stack.length > 1 ? child : hasChild ? child : this.#root;
  }
}

/** Whether `next` keeps everything of `previous`: strings extended, containers added to. */
export function grows(previous: unknown, next: unknown): boolean {
  if (typeof previous === "string") return typeof next === "string" && next.startsWith(previous);
  if (Array.isArray(previous)) {
    return (
      Array.isArray(next) &&
      next.length >= previous.length &&
      previous.every((item, i) => grows(item, next[i]))
    );
  }
  if (isRecord(previous)) {
    return (
      isRecord(next) &&
      Object.keys(previous).every(
        (key) => Object.hasOwn(next, key) && grows(previous[key], next[key]),
      )
    );
  }
  return Object.is(previous, next);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
