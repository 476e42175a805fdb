import { CANONICAL_UUID, decodedGlobalId } from '@temu-bisnis/schema';
import {
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  TypeInfo,
  typeFromAST,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';
import { executedOperation } from './executed-operation';

/**
 * Every ID a caller sends, in a variable or written in the document, at any depth of an input,
 * is checked before anything runs: a global ID exactly as the API hands them out (a Node type and
 * a canonical UUID, common/global-id.ts), or a canonical UUID where the field says it takes a
 * database id (`extensions.idForm: 'uuid'`). Anything else is BAD_USER_INPUT naming where it was,
 * never a database fault, and the message does not repeat what was sent.
 */
export function useIdInputs(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { schema, document, operationName, variableValues } = args;
      const executed = executedOperation(schema, document, operationName, variableValues);
      if (!executed) return;
      let error: GraphQLError | null = null;
      for (const definition of executed.operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
        if (type) error ??= idError(schema, executed.variables[name], type, `$${name}`, false);
      }
      const typeInfo = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          OperationDefinition: (node) => (node === executed.operation ? undefined : false),
          Argument(node) {
            const argument = typeInfo.getArgument();
            if (error || !argument || node.value.kind === Kind.VARIABLE) return;
            const value = valueFromAST(node.value, argument.type, executed.variables);
            const where = `${typeInfo.getFieldDef()?.name ?? ''}(${argument.name})`;
            error = idError(schema, value, argument.type, where, false);
          },
        }),
      );
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function idError(
  schema: GraphQLSchema,
  value: unknown,
  type: GraphQLInputType,
  path: string,
  takesUuid: boolean,
): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return idError(schema, value, nullable.ofType, path, takesUuid);
    for (const [i, item] of value.entries()) {
      const error = idError(schema, item, nullable.ofType, `${path}.${i}`, takesUuid);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    for (const field of Object.values(nullable.getFields())) {
      const uuid = field.extensions.idForm === 'uuid';
      const error = idError(schema, (value as Record<string, unknown>)[field.name], field.type, `${path}.${field.name}`, uuid);
      if (error) return error;
    }
    return null;
  }
  if (nullable.name !== 'ID') return null;
  const text = String(value);
  if (takesUuid) {
    return CANONICAL_UUID.test(text)
      ? null
      : requestError(`The ID at "${path}" must be a database id: a UUID in lower case, as the API returned it.`, 'BAD_USER_INPUT', 400);
  }
  return isNodeId(schema, text)
    ? null
    : requestError(
        `The ID at "${path}" is not a global ID of this API: send an object's id exactly as the API returned it.`,
        'BAD_USER_INPUT',
        400,
      );
}

function isNodeId(schema: GraphQLSchema, text: string): boolean {
  const decoded = decodedGlobalId(text);
  const type = decoded && schema.getType(decoded.typename);
  return isObjectType(type) && type.getInterfaces().some((i) => isInterfaceType(i) && i.name === 'Node');
}
