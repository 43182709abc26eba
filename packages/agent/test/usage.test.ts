import { expect, test } from "vitest";
import type { ChatUsage } from "@or/types";
import { addUsage } from "../src/usage";

test("usages are summed: counts, cost and details; other values from the latest", () => {
  const a = {
    prompt_tokens: 10,
    completion_tokens: 2,
    total_tokens: 12,
    cost: 0.5,
    is_byok: false,
  };
  const b = {
    prompt_tokens: 5,
    completion_tokens: 1,
    total_tokens: 6,
    cost: 0.25,
    is_byok: true,
    prompt_tokens_details: { cached_tokens: 3 },
  };
  expect(addUsage(addUsage(undefined, a as ChatUsage), b as ChatUsage)).toEqual({
    prompt_tokens: 15,
    completion_tokens: 3,
    total_tokens: 18,
    cost: 0.75,
    is_byok: true,
    prompt_tokens_details: { cached_tokens: 3 },
  });
});

test("a __proto__ key from the wire stays a plain own field", () => {
  const hostile = JSON.parse('{"total_tokens":1,"__proto__":{"polluted":true}}') as ChatUsage;
  const total = addUsage(addUsage(undefined, hostile), hostile) as unknown as Record<string, any>;
  expect(Object.getPrototypeOf(total)).toBe(Object.prototype);
  expect(total.polluted).toBeUndefined();
  expect(Object.hasOwn(total, "__proto__")).toBe(true);
  expect(total.total_tokens).toBe(2);
});
