import { describe, expect, test } from "vitest";
import { parseChat, ParseError, RefusalError, streamParsed } from "../src/index";
import { grows } from "../src/partial-json";
import { STRUCTURED_JSON } from "./fixtures/agent-fixtures";
import { schemaSets } from "./schemas";
import { scenario, useAgentServer } from "./server";

const ctx = useAgentServer();
const FORECAST = JSON.parse(STRUCTURED_JSON) as Record<string, unknown>;

describe.each(schemaSets)("structured output with $library", (schemas) => {
  test("parseChat: asks for the schema (strict) and returns the validated value", async () => {
    const { value, completion } = await parseChat(ctx.client, scenario("structured"), {
      schema: schemas.forecast,
      name: "forecast",
    });
    expect(value).toEqual(FORECAST);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    const body = ctx.server.requests[0]!.body as Record<string, any>;
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "forecast",
        strict: true,
        schema: expect.objectContaining({
          type: "object",
          // arktype sorts the names.
          required: expect.arrayContaining(["city", "temperature", "conditions", "note"]),
        }),
      },
    });
    expect(body.response_format.json_schema.schema).not.toHaveProperty("$schema");
  });

  test("parseChat: text that is not JSON is a ParseError with the text and the JSON error", async () => {
    const error = await parseChat(ctx.client, scenario("structured-bad-json"), {
      schema: schemas.forecast,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ text: '{"city": "Paris", "temper', issues: undefined });
    expect((error as ParseError).cause).toBeInstanceOf(SyntaxError);
    expect((error as ParseError).message).toMatch(/finish reason length/);
  });

  test("parseChat: JSON that fails the schema is a ParseError with the issues", async () => {
    const result = parseChat(ctx.client, scenario("structured-wrong"), {
      schema: schemas.forecast,
    });
    if (!schemas.validates) {
      // Plain JSON Schema: not validated, the value is the JSON as it came.
      expect((await result).value).toEqual({ city: 42, temperature: "warm" });
      return;
    }
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).text).toBe('{"city": 42, "temperature": "warm"}');
    expect((error as ParseError).issues?.length).toBeGreaterThan(0);
  });

  test("streamParsed: partials only grow, and final() validates the whole", async () => {
    const answer = await streamParsed(ctx.client, scenario("structured"), {
      schema: schemas.forecast,
    });
    const partials: unknown[] = [];
    for await (const partial of answer.partials) partials.push(structuredClone(partial));
    expect(await answer.final()).toEqual(FORECAST);
    expect(partials.at(-1)).toEqual(FORECAST);
    expect(partials.length).toBeGreaterThan(5);
    for (let i = 1; i < partials.length; i++) {
      expect(grows(partials[i - 1], partials[i])).toBe(true);
      expect(partials[i]).not.toEqual(partials[i - 1]);
    }
    // Numbers appear whole: never a cut-off 1 of 18.
    const temperatures = partials.map((p) => (p as { temperature?: number }).temperature);
    expect(new Set(temperatures.filter((t) => t !== undefined))).toEqual(new Set([18]));
  });
});

describe("structured output: refusals and options", () => {
  const schema = schemaSets[0]!.forecast;

  test("a refusal is a RefusalError, in parseChat and streamParsed", async () => {
    const error = await parseChat(ctx.client, scenario("refusal"), { schema }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RefusalError);
    expect(error).toMatchObject({ refusal: "I can't help with that." });
    const answer = await streamParsed(ctx.client, scenario("refusal"), { schema });
    await expect(answer.final()).rejects.toBeInstanceOf(RefusalError);
  });

  test("an aborted signal: parseChat and streamParsed reject with AbortError, nothing is sent", async () => {
    const { AbortError } = await import("@or/fetch");
    const signal = AbortSignal.abort();
    await expect(
      parseChat(ctx.client, scenario("structured"), { schema, signal }),
    ).rejects.toBeInstanceOf(AbortError);
    await expect(
      streamParsed(ctx.client, scenario("structured"), { schema, signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(ctx.server.requests).toHaveLength(0);
  });

  test("final() without reading partials drains the stream itself", async () => {
    const answer = await streamParsed(ctx.client, scenario("structured"), { schema });
    expect(await answer.final()).toEqual(FORECAST);
  });

  test("a missing schema or a bad name is a TypeError naming it", async () => {
    await expect(parseChat(ctx.client, scenario("structured"), {} as never)).rejects.toThrow(
      /options.schema/,
    );
    await expect(
      parseChat(ctx.client, scenario("structured"), { schema, name: "a b" }),
    ).rejects.toThrow(/name must be/);
    expect(ctx.server.requests).toHaveLength(0);
  });
});
