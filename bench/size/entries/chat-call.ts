// Size budget (1): a client and one typed chat call.
import { createOpenRouter } from "@or/fetch";

export async function ask(content: string): Promise<unknown> {
  const client = createOpenRouter({ appTitle: "size check" });
  const { data, error } = await client.POST("/chat/completions", {
    body: { model: "openai/gpt-4o", messages: [{ role: "user", content }] },
  });
  if (error) throw new Error(error.error.message);
  return data.choices[0]?.message.content;
}
