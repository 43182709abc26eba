import type { Overlay } from "./overlay.ts";

/** `GET /models?use_rss=true` answers an RSS feed; the spec only declares JSON. */
export const modelsRss: Overlay = {
  name: "models-rss",
  description: "Declare the application/rss+xml answer of GET /models.",
  apply(doc) {
    const content = doc.paths?.["/models"]?.get?.responses?.["200"]?.content;
    if (!content || content["application/rss+xml"]) return 0;
    content["application/rss+xml"] = {
      schema: { type: "string", description: "RSS 2.0 feed of models." },
    };
    return 1;
  },
};
