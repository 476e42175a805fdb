import {
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLSchema,
  type OperationDefinitionNode,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** An argument written in a document, with what the schema says of it. */
export interface ArgumentSite {
  value: ValueNode;
  argument: GraphQLArgument;
  fieldName: string;
}

const sitesByOperation = new WeakMap<OperationDefinitionNode, ArgumentSite[]>();

/**
 * Every argument of `operation` and of the document's fragments, found once per parsed document:
 * yoga hands the same document object to every request with the same text, so the checks that
 * need variables (page size, IDs) walk this list instead of the whole document with a TypeInfo.
 * One schema per process, so the operation node alone keys it.
 */
export function argumentSites(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentSite[] {
  let sites = sitesByOperation.get(operation);
  if (sites) return sites;
  const found: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Only the operation that runs (with the fragments).
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        if (argument && field) found.push({ value: node.value, argument, fieldName: field.name });
      },
    }),
  );
  sites = found;
  sitesByOperation.set(operation, sites);
  return sites;
}
