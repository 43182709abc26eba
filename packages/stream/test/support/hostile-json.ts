import fc from "fast-check";

/**
 * Arbitraries of hostile chunks, as JSON text: `JSON.parse` makes `"__proto__"` an own key, which
 * is how such keys reach the accumulators from the wire. A JavaScript object literal could not
 * express that, so chunks are built as trees and written out by hand.
 */

/** A JSON value to write out: objects keep their keys as given, `__proto__` included. */
export type Json =
  | { obj: [string, Json][] }
  | { arr: Json[] }
  | { lit: string | number | boolean | null };

export function jsonText(value: Json): string {
  if ("lit" in value) return JSON.stringify(value.lit);
  if ("arr" in value) return `[${value.arr.map(jsonText).join(",")}]`;
  return `{${value.obj.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
}

const lit = (value: string | number | boolean | null): Json => ({ lit: value });
const obj = (entries: [string, Json | undefined][]): Json => ({
  obj: entries.filter((e): e is [string, Json] => e[1] !== undefined),
});

/** Keys that reach a prototype or a built-in when used as a property name. */
export const DANGEROUS_KEYS = ["__proto__", "constructor", "prototype"] as const;

const KEYS = fc.constantFrom(
  ...DANGEROUS_KEYS,
  "assign",
  "isAdmin",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "length",
  "0",
  "index",
  "type",
  "text",
  "content",
  "delta",
  "usage",
);

/** An index as a hostile server may send it: mostly not a valid one. */
export const hostileIndex: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    ...DANGEROUS_KEYS.map(lit),
    lit("toString"),
    lit("0"),
    lit(-1),
    lit(1.5),
    lit(2 ** 53),
    lit(1e300),
    lit(null),
    lit(true),
    { arr: [lit(0)] },
    { obj: [["__proto__", lit(0)]] },
  ),
  fc.nat(3).map(lit),
);

/** Any JSON, with dangerous keys at every level. */
export const hostileValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null)).map(lit),
    hostileIndex,
    fc.array(tie("value"), { maxLength: 3 }).map((arr): Json => ({ arr })),
    fc
      .array(fc.tuple(KEYS, tie("value")), { maxLength: 4 })
      .map((entries): Json => ({ obj: entries })),
  ),
})).value;

/** A field that is usually of the right kind (to get deep), sometimes anything. */
const either = (good: fc.Arbitrary<Json>): fc.Arbitrary<Json | undefined> =>
  fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
const text = either(fc.string({ maxLength: 3 }).map(lit));
const list = (item: fc.Arbitrary<Json>) =>
  either(fc.array(item, { minLength: 1, maxLength: 3 }).map((arr): Json => ({ arr })));
/** Dangerous keys added to an object of the right shape. */
const withDangerousKeys = (entries: fc.Arbitrary<[string, Json | undefined][]>) =>
  fc
    .tuple(
      entries,
      fc.array(fc.tuple(fc.constantFrom(...DANGEROUS_KEYS), hostileValue), { maxLength: 2 }),
    )
    .map(([good, bad]) => obj([...good, ...bad]));

const toolCall = withDangerousKeys(
  fc
    .tuple(
      either(hostileIndex),
      text,
      either(
        withDangerousKeys(
          fc.tuple(text, text).map(
            ([n, a]) =>
              [
                ["name", n],
                ["arguments", a],
              ] as [string, Json | undefined][],
          ),
        ),
      ),
    )
    .map(([index, id, fn]) => [
      ["index", index],
      ["id", id],
      ["function", fn],
    ]),
);

const chatChoice = withDangerousKeys(
  fc
    .tuple(
      either(hostileIndex),
      either(
        withDangerousKeys(
          fc
            .tuple(
              text,
              text,
              list(toolCall),
              list(
                withDangerousKeys(
                  fc.tuple(either(hostileIndex), text).map(
                    ([i, t]) =>
                      [
                        ["type", lit("reasoning.text")],
                        ["index", i],
                        ["text", t],
                      ] as [string, Json | undefined][],
                  ),
                ),
              ),
            )
            .map(([content, reasoning, calls, details]) => [
              ["content", content],
              ["reasoning", reasoning],
              ["tool_calls", calls],
              ["reasoning_details", details],
            ]),
        ),
      ),
      either(fc.constantFrom("stop", "tool_calls", "length").map(lit)),
      either(hostileValue),
    )
    .map(([index, delta, finish, logprobs]) => [
      ["index", index],
      ["delta", delta],
      ["finish_reason", finish],
      ["logprobs", logprobs],
    ]),
);

/** A chat chunk: choices with deltas and tool calls, every index and key possibly hostile. */
export const chatChunk: fc.Arbitrary<Json> = withDangerousKeys(
  fc.tuple(list(chatChoice), either(hostileValue)).map(([choices, usage]) => [
    ["object", lit("chat.completion.chunk")],
    ["choices", choices],
    ["usage", usage],
  ]),
);

const typed = (types: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...types).map(lit) },
    { weight: 1, arbitrary: hostileValue },
  );

/** A Responses event of any type, its indexes and objects possibly hostile. */
export const responsesEvent: fc.Arbitrary<Json> = withDangerousKeys(
  fc
    .tuple(
      typed([
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.output_item.done",
        "response.content_part.added",
        "response.content_part.done",
        "response.output_text.delta",
        "response.reasoning_text.delta",
        "response.refusal.delta",
        "response.function_call_arguments.delta",
        "response.completed",
        "done",
        "toolCallDone",
      ]),
      either(hostileIndex),
      either(hostileIndex),
      either(hostileValue),
      text,
      either(hostileValue),
    )
    .map(([type, outputIndex, contentIndex, item, delta, response]) => [
      ["type", type],
      ["output_index", outputIndex],
      ["content_index", contentIndex],
      ["item", item],
      ["part", item],
      ["delta", delta],
      ["response", response],
    ]),
);

/** A Messages event of any type, its index, blocks and deltas possibly hostile. */
export const messagesEvent: fc.Arbitrary<Json> = withDangerousKeys(
  fc
    .tuple(
      typed([
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
      ]),
      either(hostileIndex),
      either(hostileValue),
      either(
        withDangerousKeys(
          fc
            .tuple(
              typed(["text_delta", "input_json_delta", "thinking_delta", "citations_delta", "x"]),
              text,
              either(hostileValue),
            )
            .map(([type, t, citation]) => [
              ["type", type],
              ["text", t],
              ["partial_json", t],
              ["citation", citation],
            ]),
        ),
      ),
      either(hostileValue),
    )
    .map(([type, index, block, delta, message]) => [
      ["type", type],
      ["index", index],
      ["content_block", block],
      ["delta", delta],
      ["message", message],
      ["usage", message],
    ]),
);

/** An image event of any type. */
export const imagesEvent: fc.Arbitrary<Json> = withDangerousKeys(
  fc
    .tuple(
      typed(["image_generation.completed", "image_generation.text_chunk", "done"]),
      either(fc.constantFrom("content", "reasoning", "__proto__").map(lit)),
      text,
      either(hostileValue),
    )
    .map(([type, phase, t, usage]) => [
      ["type", type],
      ["phase", phase],
      ["text", t],
      ["b64_json", t],
      ["usage", usage],
    ]),
);

/**
 * What the built-ins look like now: every own property (value or accessor) of the prototypes
 * and constructors a polluted object would reach. Compare two with `toEqual`… by identity.
 */
export function builtinsSnapshot(): Map<string, unknown> {
  const snapshot = new Map<string, unknown>();
  const owners: [string, object][] = [
    ["Object.prototype", Object.prototype],
    ["Array.prototype", Array.prototype],
    ["Function.prototype", Function.prototype],
    ["String.prototype", String.prototype],
    ["Number.prototype", Number.prototype],
    ["Map.prototype", Map.prototype],
    ["Promise.prototype", Promise.prototype],
    ["Object", Object],
    ["Array", Array],
    ["JSON", JSON],
  ];
  for (const [name, owner] of owners) {
    for (const key of Reflect.ownKeys(owner)) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, key)!;
      snapshot.set(`${name}.${String(key)}`, descriptor.get ?? descriptor.set ?? descriptor.value);
    }
    snapshot.set(`${name} [[Prototype]]`, Object.getPrototypeOf(owner));
  }
  return snapshot;
}

/** The entries of `after` that differ from `before` (added, removed or replaced). */
export function changedBuiltins(
  before: Map<string, unknown>,
  after: Map<string, unknown>,
): string[] {
  const changed: string[] = [];
  for (const [key, value] of after)
    if (!before.has(key) || before.get(key) !== value) changed.push(key);
  for (const key of before.keys()) if (!after.has(key)) changed.push(key);
  return changed;
}
