import { decodedGlobalId, isCanonicalUuid } from '@temu-bisnis/schema';
import {
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { argumentSites } from './argument-sites';
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
      // Arguments as the executor will see them: literals and variables (at any depth) alike.
      for (const { value: node, argument, fieldName } of argumentSites(schema, document, executed.operation)) {
        const error = idError(schema, valueFromAST(node, argument.type, executed.variables), argument.type, argument.name, false, fieldName);
        if (error) {
          setResultAndStopExecution({ errors: [error] });
          return;
        }
      }
    },
  };
}

function idError(
  schema: GraphQLSchema,
  value: unknown,
  type: GraphQLInputType,
  path: string,
  takesUuid: boolean,
  field: string,
): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return idError(schema, value, nullable.ofType, path, takesUuid, field);
    for (const [i, item] of value.entries()) {
      const error = idError(schema, item, nullable.ofType, `${path}.${i}`, takesUuid, field);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    for (const input of Object.values(nullable.getFields())) {
      const uuid = input.extensions.idForm === 'uuid';
      const error = idError(schema, (value as Record<string, unknown>)[input.name], input.type, `${path}.${input.name}`, uuid, field);
      if (error) return error;
    }
    return null;
  }
  if (nullable.name !== 'ID') return null;
  const text = String(value);
  if (takesUuid) {
    return isCanonicalUuid(text)
      ? null
      : requestError(`The ID at "${path}" of ${field} must be a database id: a UUID in lower case, as the API returned it.`, 'BAD_USER_INPUT', 400, {
          field: path.split('.'),
        });
  }
  return isNodeId(schema, text)
    ? null
    : requestError(
        `The ID at "${path}" of ${field} is not a global ID of this API: send an object's id exactly as the API returned it.`,
        'BAD_USER_INPUT',
        400,
        { field: path.split('.') },
      );
}

function isNodeId(schema: GraphQLSchema, text: string): boolean {
  const decoded = decodedGlobalId(text);
  const type = decoded && schema.getType(decoded.typename);
  return isObjectType(type) && type.getInterfaces().some((i) => isInterfaceType(i) && i.name === 'Node');
}
