// Package READMEs are shown on the npm registry, where a relative link leads nowhere: every link
// in a published package's README is an absolute https URL or an anchor of that README. Links
// into this repository name a path that exists, and each published package.json says where
// the repository is.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REPOSITORY = "https://github.com/or-sdk/or-sdk";
const markdown = new MarkdownIt({ html: true });

interface Manifest {
  name: string;
  private?: boolean;
  repository?: { type: string; url: string; directory: string };
}

const published = readdirSync(`${ROOT}packages`)
  .filter((dir) => existsSync(`${ROOT}packages/${dir}/package.json`))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(`${ROOT}packages/${dir}/package.json`, "utf8")) as Manifest,
  }))
  .filter(({ manifest }) => !manifest.private);

/** Every link target of a Markdown text: links, images, and `href`/`src` of inline HTML. */
function linkTargets(text: string): string[] {
  const targets: string[] = [];
  const html = (content: string) => {
    for (const m of content.matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)["']/gi))
      targets.push(m[1]!);
  };
  for (const token of markdown.parse(text, {})) {
    if (token.type === "html_block") html(token.content);
    for (const child of token.children ?? []) {
      if (child.type === "link_open") targets.push(child.attrGet("href") ?? "");
      if (child.type === "image") targets.push(child.attrGet("src") ?? "");
      if (child.type === "html_inline") html(child.content);
    }
  }
  return targets;
}

/** The anchors GitHub and npm give a README's headings (lower case, punctuation dropped). */
function headingAnchors(text: string): Set<string> {
  const tokens = markdown.parse(text, {});
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const title = tokens[i + 1]!.children!.map((c) => c.content).join("");
    anchors.add(
      title
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-"),
    );
  });
  return anchors;
}

/** What is wrong with one link of a README, if anything. */
function linkProblem(target: string, anchors: Set<string>): string | undefined {
  if (target.startsWith("#"))
    return anchors.has(target.slice(1)) ? undefined : `${target}: no such heading`;
  if (!target.startsWith("https://")) return `${target}: not an absolute https URL`;
  const inRepo = /^https:\/\/github\.com\/or-sdk\/or-sdk\/(?:blob|tree)\/main\/([^#?]+)/.exec(
    target,
  );
  if (inRepo && !existsSync(`${ROOT}${decodeURIComponent(inRepo[1]!)}`))
    return `${target}: no such path in the repository`;
  return undefined;
}

describe.each(published)("packages/$dir", ({ dir, manifest }) => {
  test("README links are absolute https URLs into paths that exist, or anchors", () => {
    const text = readFileSync(`${ROOT}packages/${dir}/README.md`, "utf8");
    const anchors = headingAnchors(text);
    const targets = linkTargets(text);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.flatMap((t) => linkProblem(t, anchors) ?? [])).toEqual([]);
  });

  test("package.json names the repository and the package's folder in it", () => {
    expect(manifest.repository).toEqual({
      type: "git",
      url: `git+${REPOSITORY}.git`,
      directory: `packages/${dir}`,
    });
  });
});

test("the link check finds relative links, missing paths and missing anchors", () => {
  const text = [
    "# Title",
    "## Retries and timeouts",
    "See [a](../fetch), ![b](bench/x.png), [c](#retries-and-timeouts), [d](#nope),",
    `[e](${REPOSITORY}/blob/main/no/such/file.md), [f](http://example.com), <a href="docs/x.md">g</a>`,
    "",
    "```md",
    "[in code](../not-a-link)",
    "```",
    "",
    "[ref]: ./reference.md",
    "Uses [the ref][ref].",
  ].join("\n");
  const anchors = headingAnchors(text);
  expect(linkTargets(text).flatMap((t) => linkProblem(t, anchors) ?? [])).toEqual([
    "../fetch: not an absolute https URL",
    "bench/x.png: not an absolute https URL",
    "#nope: no such heading",
    `${REPOSITORY}/blob/main/no/such/file.md: no such path in the repository`,
    "http://example.com: not an absolute https URL",
    "docs/x.md: not an absolute https URL",
    "./reference.md: not an absolute https URL",
  ]);
});
