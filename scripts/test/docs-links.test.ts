// The link check of the generated API reference, on a small output written here.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { docsLinkProblems } from "../src/docs-links.ts";

async function site(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "or-docs-links-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

test("finds links to missing files and missing ids, and follows no absolute URL", async () => {
  const dir = await site({
    "index.html": [
      '<a href="modules/a.html#x">ok</a> <a href="#top">ok</a> <a href="#">ok</a>',
      '<a href="media/bench">dir</a> <a href="modules/a.html#nope">id</a>',
      '<img src="assets/logo.svg"> <a href="https://example.com/x">ext</a>',
      '<a href="mailto:a@example.com">m</a> <div id="top"></div>',
    ].join("\n"),
    "modules/a.html":
      '<h2 id="x">X</h2><a href="../index.html">up</a> <use href="../assets/icons.svg#icon-a"/>',
    "assets/icons.svg": '<svg><g id="icon-b"></g></svg>',
  });
  expect(await docsLinkProblems(dir)).toEqual([
    "index.html: media/bench (no such file)",
    'index.html: modules/a.html#nope (no id "nope" in modules/a.html)',
    "index.html: assets/logo.svg (no such file)",
    'modules/a.html: ../assets/icons.svg#icon-a (no id "icon-a" in assets/icons.svg)',
  ]);
});

test("an output whose links all lead somewhere has no problems", async () => {
  const dir = await site({
    "index.html": '<a href="b%20c.html?x=1#y&amp;z">b</a>',
    "b c.html": '<p id="y&z"></p><a href="index.html">back</a>',
  });
  expect(await docsLinkProblems(dir)).toEqual([]);
});
