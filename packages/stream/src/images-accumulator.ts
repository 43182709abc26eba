import type { ImageGenerationResponse, ImageStreamingResponse } from "@or/types";
import type { Accumulator } from "./protocol";
import { malformedChunk } from "./wire-data";

/** An event of an image stream (`POST /images` with `stream: true`), by its `type`. */
export type ImageStreamEvent = ImageStreamingResponse["data"];

/**
 * The images assembled from a stream: what `POST /images` answers without streaming, plus the
 * text of text-based formats (SVG) as it streamed.
 */
export type ImagesResult = ImageGenerationResponse & {
  /** The `content` phase text chunks joined (e.g. SVG markup), when the model streamed text. */
  text?: string;
  /** The `reasoning` phase text chunks joined, when the model streamed any. */
  reasoning?: string;
};

type Fields = Record<string, any>;

/**
 * Builds an image generation result from its events: one `data` item per
 * `image_generation.completed` event (its image and media type, unknown fields kept), the
 * `created` time and `usage` of the last one, and the streamed text by phase. Partial images are
 * previews: they are handed out as events, not kept.
 */
export class ImagesAccumulator implements Accumulator<ImageStreamEvent, ImagesResult> {
  #result: Fields = { created: 0, data: [] };

  add(event: ImageStreamEvent): void {
    try {
      this.#add(event as Fields);
    } catch (error) {
      throw malformedChunk(error, this);
    }
  }

  result(): ImagesResult {
    return { ...this.#result, data: [...this.#result.data] } as ImagesResult;
  }

  #add(e: Fields): void {
    if (e.type === "image_generation.completed") {
      const { type: _type, created, usage, ...image } = e;
      this.#result.data.push(image);
      this.#result.created = created ?? this.#result.created;
      if (usage) this.#result.usage = usage;
    } else if (e.type === "image_generation.text_chunk") {
      // `draft` text is an intermediate phase of some providers: not part of the result.
      const phase = e.phase === "content" ? "text" : e.phase === "reasoning" ? "reasoning" : "";
      if (phase && typeof e.text === "string") {
        this.#result[phase] = (this.#result[phase] ?? "") + e.text;
      }
    }
  }
}
