import ts from "typescript";
import { RESPONSE_HEADERS } from "./shared-headers.ts";

const f = ts.factory;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** The generated file's own top-level names. */
const ROOTS = ["paths", "components", "operations", "webhooks", "$defs", RESPONSE_HEADERS];

/**
 * One TypeScript identifier per schema name (or operation id), spec names kept where they are
 * identifiers. Names that are not are camel-cased (`Model-Info` → `ModelInfo`); names taken by
 * the generated file (`paths`…, `reserved`) or starting with a digit get `prefix`; clashes get a
 * `_`.
 */
export function schemaIdentifiers(
  names: readonly string[],
  reserved: ReadonlySet<string> = new Set(),
  prefix = "Schema",
): Map<string, string> {
  const used = new Set<string>();
  const identifiers = new Map<string, string>();
  for (const name of names) {
    let id = IDENTIFIER.test(name)
      ? name
      : name.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, c = "") => c.toUpperCase());
    if (ROOTS.includes(id) || reserved.has(id) || /^[0-9]/.test(id)) id = `${prefix}${id}`;
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    identifiers.set(name, id);
  }
  return identifiers;
}

/** Type names a generated AST refers to without declaring them (`Record`, `Blob`, `Omit`…). */
export function referencedGlobals(nodes: readonly ts.Node[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      if (!ROOTS.includes(node.typeName.text)) names.add(node.typeName.text);
    }
    ts.forEachChild(node, visit);
  };
  nodes.forEach(visit);
  return names;
}

const nameOf = (name: ts.PropertyName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;

/** `components["schemas"]["Name"]` as openapi-typescript builds it: the schema's name, if so. */
function schemaRefName(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node)) return undefined;
  const { objectType: inner, indexType } = node;
  if (!ts.isIndexedAccessTypeNode(inner) || !isStringLiteralType(inner.indexType, "schemas")) {
    return undefined;
  }
  const root = inner.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName)) return undefined;
  if (root.typeName.text !== "components" || !isStringLiteralType(indexType)) return undefined;
  return indexType.literal.text;
}

function isStringLiteralType(
  node: ts.TypeNode,
  text?: string,
): node is ts.LiteralTypeNode & { literal: ts.StringLiteral } {
  return (
    ts.isLiteralTypeNode(node) &&
    ts.isStringLiteral(node.literal) &&
    (text === undefined || node.literal.text === text)
  );
}

/**
 * `export type Name = …` for a schema: TypeScript shows an alias of an object type by its name,
 * and unlike an interface it keeps the implicit index signature, so a `ChatRequest` is still a
 * `Record<string, unknown>`. `interface name { … }` (not exported) for an operation.
 */
function declaration(id: string, member: ts.PropertySignature, exported: boolean): ts.Statement {
  const modifiers = exported ? [f.createModifier(ts.SyntaxKind.ExportKeyword)] : undefined;
  const type = member.type ?? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
  const statement =
    ts.isTypeLiteralNode(type) && !exported
      ? f.createInterfaceDeclaration(modifiers, id, undefined, undefined, type.members)
      : f.createTypeAliasDeclaration(modifiers, id, undefined, type);
  const docs = ts.getSyntheticLeadingComments(member);
  if (docs) ts.setSyntheticLeadingComments(statement, docs);
  return statement;
}

/**
 * Moves each property of a type literal into a top-level declaration named by `identifiers`
 * (appended to `hoisted`) and returns the properties, now referring to those names.
 */
function hoistMembers(
  members: readonly ts.TypeElement[],
  identifiers: ReadonlyMap<string, string>,
  hoisted: ts.Statement[],
  exported: boolean,
): ts.TypeElement[] {
  return members.map((member) => {
    if (!ts.isPropertySignature(member)) return member;
    const id = identifiers.get(nameOf(member.name) ?? "");
    if (!id) return member;
    hoisted.push(declaration(id, member, exported));
    const ref = f.createTypeReferenceNode(id);
    return f.createPropertySignature(undefined, member.name, member.questionToken, ref);
  });
}

const withMembers = (node: ts.InterfaceDeclaration, members: readonly ts.TypeElement[]) =>
  f.updateInterfaceDeclaration(
    node,
    node.modifiers,
    node.name,
    node.typeParameters,
    node.heritageClauses,
    members,
  );

/**
 * Gives every schema a named declaration that TypeScript keeps in hovers and error messages:
 * each `components.schemas` entry becomes a top-level `export type ChatRequest = { … }`,
 * `components.schemas.ChatRequest` refers to it,
 * and every `components["schemas"]["ChatRequest"]` in the file becomes `ChatRequest`. So
 * `paths[…]["responses"][200]["content"]["application/json"]` is the `ChatResult`
 * type itself, and a client's results show under that name.
 */
export function nameSchemas(
  nodes: readonly ts.Node[],
  identifiers: ReadonlyMap<string, string>,
): ts.Node[] {
  const hoisted: ts.Statement[] = [];
  const statements = nodes.flatMap((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return [node];
    const members = node.members.map((member) => {
      if (!ts.isPropertySignature(member) || nameOf(member.name) !== "schemas") return member;
      if (!member.type || !ts.isTypeLiteralNode(member.type)) return member;
      const schemas = hoistMembers(member.type.members, identifiers, hoisted, true);
      const type = f.createTypeLiteralNode(schemas);
      return f.updatePropertySignature(member, member.modifiers, member.name, undefined, type);
    });
    return [withMembers(node, members), ...hoisted];
  });
  return replaceSchemaRefs(statements, identifiers);
}

/**
 * Names each operation the same way: `operations.getModels` is `interface getModels { … }`
 * (not exported; `operations["getModels"]` stays the way to reach it), so that a whole call
 * result hovers as `CallResult<getModels, …>` rather than printing the operation.
 */
export function nameOperations(
  nodes: readonly ts.Node[],
  identifiers: ReadonlyMap<string, string>,
): ts.Node[] {
  return nodes.flatMap((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "operations") return [node];
    const hoisted: ts.Statement[] = [];
    const members = hoistMembers(node.members, identifiers, hoisted, false);
    return [withMembers(node, members), ...hoisted];
  });
}

function replaceSchemaRefs(nodes: ts.Node[], identifiers: ReadonlyMap<string, string>): ts.Node[] {
  const transformer: ts.TransformerFactory<ts.Node> = (context) => {
    const visit = (node: ts.Node): ts.Node => {
      const name = schemaRefName(node);
      const id = name === undefined ? undefined : identifiers.get(name);
      if (id) return f.createTypeReferenceNode(id);
      return ts.visitEachChild(node, visit, context);
    };
    return (node) => ts.visitNode(node, visit) as ts.Node;
  };
  const result = ts.transform(nodes, [transformer]);
  const transformed = [...result.transformed];
  result.dispose();
  return transformed;
}
