import ts from "typescript";

const f = ts.factory;

/** The one declaration that every answer without declared headers refers to. */
export const RESPONSE_HEADERS = "ResponseHeaders";

/** `{ [name: string]: unknown }`, as openapi-typescript writes an answer's undeclared headers. */
function isAnyHeaders(type: ts.TypeNode | undefined): boolean {
  if (!type || !ts.isTypeLiteralNode(type) || type.members.length !== 1) return false;
  const [index] = type.members;
  if (!index || !ts.isIndexSignatureDeclaration(index)) return false;
  const [key] = index.parameters;
  return (
    index.parameters.length === 1 &&
    key?.type?.kind === ts.SyntaxKind.StringKeyword &&
    index.type.kind === ts.SyntaxKind.UnknownKeyword
  );
}

/**
 * openapi-typescript gives each of the ~540 answers its own `headers: { [name: string]: unknown }`.
 * They all refer to one `interface ResponseHeaders` instead: the same type, and fewer nodes for
 * every consumer's `tsc` to parse and bind.
 */
export function shareResponseHeaders(nodes: readonly ts.Node[]): ts.Node[] {
  let shared = 0;
  const transformer: ts.TransformerFactory<ts.Node> = (context) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isPropertySignature(node) && isAnyHeaders(node.type)) {
        shared++;
        const ref = f.createTypeReferenceNode(RESPONSE_HEADERS);
        return f.updatePropertySignature(node, node.modifiers, node.name, node.questionToken, ref);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (node) => ts.visitNode(node, visit) as ts.Node;
  };
  const result = ts.transform([...nodes], [transformer]);
  const transformed = [...result.transformed];
  result.dispose();
  if (shared === 0) return transformed;
  const index = f.createIndexSignature(
    undefined,
    [
      f.createParameterDeclaration(
        undefined,
        undefined,
        "name",
        undefined,
        f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ),
    ],
    f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword),
  );
  const declaration = f.createInterfaceDeclaration(
    undefined,
    RESPONSE_HEADERS,
    undefined,
    undefined,
    [index],
  );
  ts.addSyntheticLeadingComment(
    declaration,
    ts.SyntaxKind.MultiLineCommentTrivia,
    "* The headers of an answer whose headers the spec does not list. ",
    true,
  );
  return [...transformed, declaration];
}
