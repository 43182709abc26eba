// Every fixture agrees with the current spec (overlays applied): method and path, auth, request
// body, response body or each SSE event. A spec change that breaks a fixture fails here.
import { overlaidSpec } from "@or/scripts";
import { beforeAll, describe, expect, test } from "vitest";
import {
  createContractValidator,
  formatProblem,
  UnknownOperationError,
  type ContractValidator,
  type OpenApiSpec,
} from "../src/contract/index";
import type { Fixture } from "../src/fixture-format";
import { fixtureKey, loadFixtures } from "../src/fixtures";

type Json = Record<string, any>;

const fixtures = loadFixtures();
const byKey = new Map(fixtures.map((f) => [fixtureKey(f), f]));
const fixture = (key: string): Fixture => {
  const found = byKey.get(key);
  if (!found) throw new Error(`no fixture ${key}`);
  return structuredClone(found);
};

/** Fixtures that are off-spec on purpose, with the one problem each must show. */
const DELIBERATELY_OFF_SPEC: Record<string, string[]> = {
  "sendChatCompletionRequest/error-502-html": [
    "response.text content type text/html; charset=utf-8 is not declared for sendChatCompletionRequest 502",
  ],
};

let spec: OpenApiSpec;
let contract: ContractValidator;
const problems = (f: Fixture) => contract.checkFixture(f).problems.map(formatProblem);

beforeAll(async () => {
  spec = await overlaidSpec();
  contract = createContractValidator(spec);
});

describe("every fixture against the spec", () => {
  test("all fixtures validate (time for the whole set is printed)", () => {
    const started = performance.now();
    const found = new Map<string, string[]>();
    let sseEvents = 0;
    for (const f of fixtures) {
      const report = contract.checkFixture(f);
      if (report.problems.length > 0) found.set(fixtureKey(f), report.problems.map(formatProblem));
      sseEvents += f.response.sse?.filter((item) => "data" in item).length ?? 0;
    }
    const ms = performance.now() - started;
    console.log(
      `contract: ${fixtures.length} fixtures (${sseEvents} SSE data items) validated in ${ms.toFixed(0)} ms, ` +
        `${contract.compiledCount} schemas compiled`,
    );
    expect(Object.fromEntries(found)).toEqual(DELIBERATELY_OFF_SPEC);
  }); // the first use compiles every schema the fixtures need

  test.each(fixtures.map((f) => [fixtureKey(f), f] as const))("%s", (key, f) => {
    expect(problems(f)).toEqual(DELIBERATELY_OFF_SPEC[key] ?? []);
  });

  test("the only thing skipped is the [DONE] sentinel", () => {
    const skipped = fixtures.flatMap((f) => contract.checkFixture(f).skipped);
    expect(skipped.length).toBeGreaterThan(0);
    for (const line of skipped)
      expect(line).toMatch(/^response\.sse\[\d+\] is the \[DONE\] sentinel$/);
  });
});

describe("a broken fixture is rejected", () => {
  test("a response missing a required field", () => {
    const f = fixture("sendChatCompletionRequest/chat");
    delete (f.response.body as Json).choices;
    expect(problems(f)).toContain("response.body must have required property 'choices'");
  });

  test("a response field of the wrong type", () => {
    const f = fixture("getCredits/credits");
    (f.response.body as Json).data.total_credits = "120";
    expect(problems(f)).toContain("response.body/data/total_credits must be number");
  });

  test("a closed (single-value) enum keeps its value", () => {
    const f = fixture("sendChatCompletionRequest/chat");
    (f.response.body as Json).object = "chat.completion.chunk";
    expect(problems(f)).toContain(
      'response.body/object must be equal to one of the allowed values: ["chat.completion"]',
    );
  });

  test("a request body missing a required field", () => {
    const f = fixture("createKeys/create-key");
    delete (f.request.body as Json).name;
    expect(problems(f)).toContain("request.body must have required property 'name'");
  });

  test("a request body with a field the spec closes off", () => {
    const f = fixture("sendChatCompletionRequest/chat");
    (f.request.body as Json).provider = { only: ["openai"], sortt: "price" };
    expect(problems(f).join("\n")).toMatch(
      /request\.body\/provider must NOT have additional properties: "sortt"/,
    );
  });

  test("an SSE event that does not fit the stream schema", () => {
    const f = fixture("sendChatCompletionRequest/stream-text");
    const item = f.response.sse!.find((i) => "data" in i && typeof i.data === "object") as {
      data: Json;
    };
    item.data.choices = "not a list";
    expect(problems(f).join("\n")).toMatch(/response\.sse\[\d+\]\/data\/choices must be array/);
  });

  test("an SSE event that is not JSON is reported, not skipped", () => {
    const f = fixture("sendChatCompletionRequest/stream-text");
    const at = f.response.sse!.findIndex((i) => "data" in i && typeof i.data === "object");
    f.response.sse![at] = { data: '{"id": "cut' };
    expect(problems(f)).toContain(`response.sse[${at}] data is not JSON`);
  });

  test("an SSE stream sent with another content type", () => {
    const f = fixture("sendChatCompletionRequest/stream-text");
    f.response.headers = { ...f.response.headers, "content-type": "application/json" };
    expect(problems(f)).toContain("response an SSE stream sent as application/json");
  });

  test("a text body that says JSON but does not parse", () => {
    const f = fixture("getCredits/credits");
    f.response = { status: 200, headers: { "content-type": "application/json" }, text: "{" };
    expect(problems(f)).toEqual(["response.text is not JSON but says application/json"]);
  });

  test("a status the operation does not declare", () => {
    const f = fixture("getCredits/credits");
    f.response.status = 418;
    expect(problems(f)).toContain("response.body status 418 is not declared for getCredits");
  });

  test("a path that does not match the operation", () => {
    const f = fixture("getKey/get-key");
    f.request.path = "/keys";
    expect(problems(f)[0]).toBe("request GET /keys is not GET /keys/{hash}");
  });

  test("auth that disagrees with the operation's security", () => {
    const coinbase = fixture("createCoinbaseCharge/charge");
    delete coinbase.request.auth;
    expect(problems(coinbase)).toEqual([
      "request.auth the operation takes no auth: set auth: false",
    ]);
    const credits = fixture("getCredits/credits");
    credits.request.auth = false;
    expect(problems(credits)).toEqual(["request.auth the operation needs auth"]);
  });

  test("a fixture for an operation the spec does not have", () => {
    const f = fixture("getCredits/credits");
    f.operationId = "getCreditsV2";
    expect(problems(f)).toEqual([
      'fixture The spec has no operation with operationId "getCreditsV2".',
    ]);
  });
});

describe("a spec change that breaks a fixture", () => {
  test("a newly required response field flags the fixture", () => {
    const changed = structuredClone(spec) as Json;
    const schema =
      changed.paths["/credits"].get.responses["200"].content["application/json"].schema;
    const data = schema.$ref ? changed.components.schemas[schema.$ref.split("/").pop()] : schema;
    data.properties.data.required = [...data.properties.data.required, "currency"];
    const f = fixture("getCredits/credits");
    expect(createContractValidator(changed).checkFixture(f).problems.map(formatProblem)).toEqual([
      "response.body/data must have required property 'currency'",
    ]);
    expect(problems(f)).toEqual([]);
  });
});

describe("what the API really sends is accepted", () => {
  test("unknown values of open enums", () => {
    const f = fixture("listEndpoints/list-endpoints");
    (f.response.body as Json).data.endpoints[0].provider_name = "Brand New Provider";
    (f.response.body as Json).data.endpoints[0].quantization = "fp3";
    expect(problems(f)).toEqual([]);
    const chat = fixture("sendChatCompletionRequest/chat");
    (chat.response.body as Json).choices[0].finish_reason = "content_filter_v2";
    expect(problems(chat)).toEqual([]);
  });

  test("extra fields, even where the spec says additionalProperties: false", () => {
    const f = fixture("getModel/get-model");
    (f.response.body as Json).data.default_parameters = { temperature: 0.7, min_p: 0.05 };
    (f.response.body as Json).data.brand_new_field = { nested: true };
    expect(problems(f)).toEqual([]);
  });
});

describe("the validator API", () => {
  test("validates bodies by operation, status and content type", () => {
    expect(
      contract.validateResponseBody("getCredits", 200, {
        data: { total_credits: 1, total_usage: 0 },
      }),
    ).toEqual([]);
    expect(
      contract.validateResponseBody("getCredits", 200, { data: {} }).map(formatProblem),
    ).toEqual([
      "response.body/data must have required property 'total_credits'",
      "response.body/data must have required property 'total_usage'",
    ]);
    expect(contract.validateRequestBody("getCredits", {}).map(formatProblem)).toEqual([
      "request.body getCredits takes no request body",
    ]);
    expect(
      contract.validateResponseBody("getCredits", 200, {}, "text/plain").map(formatProblem),
    ).toEqual(["response.body content type text/plain is not declared for getCredits 200"]);
  });

  test("validates an SSE data item against the inner chunk schema", () => {
    const chunk = {
      id: "gen-1",
      object: "chat.completion.chunk",
      created: 1,
      model: "openai/gpt-4o-mini",
      choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }],
    };
    expect(contract.validateSseItem("sendChatCompletionRequest", { data: chunk })).toEqual([]);
    const broken = { ...chunk, created: "yesterday" };
    expect(
      contract.validateSseItem("sendChatCompletionRequest", { data: broken }).map(formatProblem),
    ).toEqual(["response.sse/data/created must be integer"]);
  });

  test("an unknown operation id is a typed error", () => {
    expect(() => contract.validateRequestBody("nope", {})).toThrow(UnknownOperationError);
    expect(() => contract.validateResponseBody("nope", 200, {})).toThrow(
      /no operation with operationId "nope"/,
    );
  });

  test("compiles only the schemas it is asked for", () => {
    const fresh = createContractValidator(spec);
    expect(fresh.compiledCount).toBe(0);
    fresh.checkFixture(fixture("getCredits/credits"));
    expect(fresh.compiledCount).toBe(1);
    fresh.checkFixture(fixture("createKeys/create-key"));
    expect(fresh.compiledCount).toBe(3);
  });

  test("every format the spec uses is known; unknown ones become annotations", () => {
    expect(contract.annotationFormats).toEqual([]);
    const doc = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          get: {
            operationId: "a",
            responses: {
              "200": {
                content: { "application/json": { schema: { type: "string", format: "wav" } } },
              },
            },
          },
        },
      },
    };
    const small = createContractValidator(doc);
    expect(small.validateResponseBody("a", 200, "anything")).toEqual([]);
    expect(small.annotationFormats).toEqual(["wav"]);
  });
});
