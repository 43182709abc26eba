// The type-check floor: the same four calls as or-fetch.ts with a bare `fetch` and no library,
// so what is left is TypeScript's own cost (its default libraries, `lib.dom` included).
const BASE = "https://openrouter.ai/api/v1";
const headers = { Authorization: "Bearer sk-or-v1-0", "Content-Type": "application/json" };

async function call(path: string, init?: RequestInit): Promise<any> {
  const response = await fetch(`${BASE}${path}`, { ...init, headers });
  return response.json();
}

export async function fourCalls() {
  const chat = await call("/chat/completions", {
    method: "POST",
    body: JSON.stringify({ model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] }),
  });
  const models = await call("/models");
  const credits = await call("/credits");
  const generation = await call(`/generation?id=${encodeURIComponent("gen-1")}`);
  return {
    text: chat.choices[0]?.message.content as string | null | undefined,
    firstModel: models.data[0]?.id as string | undefined,
    credits: credits.data.total_credits as number,
    cost: generation.data.total_cost as number,
  };
}
