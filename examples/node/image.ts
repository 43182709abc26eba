// A streamed image: partial previews as they render, then the final image written to a file.
// Run: `pnpm exec tsx node/image.ts [out.png]` (after `pnpm build`). With OPENROUTER_API_KEY set
// it talks to OpenRouter; without, to the replay server of @or/testing.
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenRouter } from "@or/fetch";
import { streamImages } from "@or/stream";
import { startReplayServer } from "@or/testing";

const apiKey = process.env.OPENROUTER_API_KEY;
const replay = apiKey ? undefined : await startReplayServer({ record: false });
const out = process.argv[2] ?? join(tmpdir(), "or-sdk-image.png");

try {
  const client = createOpenRouter({ apiKey: apiKey ?? "sk-or-v1-replay", baseUrl: replay?.url });
  const stream = await streamImages(client, {
    model: "openai/gpt-image-1",
    prompt: "A small orange square on a plain background",
    quality: "low",
  });
  // A provider without native streaming answers with the whole image: no previews, same code.
  stream.on("image_generation.partial_image", (event: { partial_image_index: number }) =>
    console.log(`preview ${event.partial_image_index + 1} arrived`),
  );
  const { data, usage } = await stream.finalImages();
  const image = data[0];
  if (!image) throw new Error("The answer held no image.");
  await writeFile(out, Buffer.from(image.b64_json, "base64"));
  console.log(`${image.media_type ?? "image"} written to ${out}`);
  console.log(`tokens: ${usage?.total_tokens ?? "?"}, cost: $${usage?.cost ?? "?"}`);
} finally {
  await replay?.close();
}
