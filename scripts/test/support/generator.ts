import openapiTS, { astToString, type OpenAPITSOptions } from "openapi-typescript";
import ts from "typescript";
import { generatorConfig } from "../../../openapi/generator.config.ts";

/**
 * openapi-typescript on `doc` with our options but none of our transforms, plus `overrides`:
 * the generator as it behaves without one of our settings.
 */
export async function plainGenerate(
  doc: object,
  overrides: Partial<OpenAPITSOptions> = {},
): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as never, {
    ...generatorConfig.openapiTypescript,
    silent: true,
    ...overrides,
  });
  return astToString(ast);
}

const ROOTS = new Set(["paths", "components", "operations", "webhooks", "$defs"]);

/**
 * Walks the generated source's type members: `visit(path, node)` with paths like
 * `components.schemas.Pet.kind`, also for the schemas `generateTypes` declares at the top level.
 */
function walkMembers(source: string, visit: (path: string, node: ts.Node) => void): void {
  const file = ts.createSourceFile("generated.ts", source, ts.ScriptTarget.Latest, true);
  const walk = (node: ts.Node, path: string[]) => {
    let here = path;
    if (
      ts.isPropertySignature(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node)
    ) {
      const name = node.name.getText(file).replace(/^"|"$/g, "");
      const topLevelSchema = node.parent === file && !ROOTS.has(name);
      here = topLevelSchema ? ["components", "schemas", name] : [...path, name];
    }
    visit(here.join("."), node);
    ts.forEachChild(node, (child) => walk(child, here));
  };
  walk(file, []);
}

/** Every property of the generated types, `components.schemas.ChatRequest.stream` → optional? */
export function propertyOptionality(source: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  walkMembers(source, (path, node) => {
    if (ts.isPropertySignature(node)) out.set(path, node.questionToken !== undefined);
  });
  return out;
}

/** Where the generated source uses `Record<string, never>` (an object that admits no property). */
export function recordNeverPaths(source: string): string[] {
  const out: string[] = [];
  walkMembers(source, (path, node) => {
    if (ts.isTypeReferenceNode(node) && node.getText() === "Record<string, never>") out.push(path);
  });
  return out;
}
